namespace WasGo.Actors.Serialization;

/// <summary>A message with no fields and one instance (<c>GetWorldStatus</c>, <c>CheckpointWorld</c>): no bytes, read back as that instance.</summary>
/// <typeparam name="T">The message type.</typeparam>
internal sealed class SingletonFormat<T>(string manifest, T instance) : WireFormat<T>(manifest)
    where T : notnull
{
    public override int SizeOf(T message) => 0;

    public override void Write(ref WireWriter writer, T message)
    {
        // Nothing to write: the manifest alone says which message it is.
    }

    public override T ReadMessage(ref WireReader reader) => instance;
}
