namespace WasGo.Actors.Serialization;

/// <summary>
/// One message type's binary form: its manifest, its exact size, how it is written and read. Size
/// and writing sit side by side in each format, so that the array a message is written into is
/// allocated once, at its final size.
/// </summary>
/// <remarks>Stateless, so one instance serves every thread.</remarks>
internal abstract class WireFormat
{
    protected WireFormat(Type type, string manifest)
    {
        Type = type;
        Manifest = manifest;
    }

    /// <summary>Gets the message type.</summary>
    public Type Type { get; }

    /// <summary>Gets the manifest that names this form on the wire; a new form gets a new one.</summary>
    public string Manifest { get; }

    public abstract int SizeOf(object message);

    public abstract void Write(ref WireWriter writer, object message);

    public abstract object Read(ref WireReader reader);
}
