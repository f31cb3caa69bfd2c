namespace WasGo.Actors.Serialization;

/// <summary>A <see cref="WireFormat"/> written against its message type, so that each format casts nothing.</summary>
/// <typeparam name="T">The message type.</typeparam>
internal abstract class WireFormat<T> : WireFormat
    where T : notnull
{
    protected WireFormat(string manifest)
        : base(typeof(T), manifest)
    {
    }

    public sealed override int SizeOf(object message) => SizeOf((T)message);

    public sealed override void Write(ref WireWriter writer, object message) => Write(ref writer, (T)message);

    public sealed override object Read(ref WireReader reader) => ReadMessage(ref reader);

    public abstract int SizeOf(T message);

    public abstract void Write(ref WireWriter writer, T message);

    /// <summary>Reads the message; named apart from <see cref="Read"/>, which differs from it only in its return type.</summary>
    public abstract T ReadMessage(ref WireReader reader);
}
