namespace WasGo.Persistence;

/// <summary>Store module bytes once and tag them.</summary>
internal sealed class PutModuleOperation(ModuleTag tag, ReadOnlyMemory<byte> bytes) : WriteOperation
{
    public ModuleTag Tag { get; } = tag;

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
}

/// <summary>Add a world to the world list unless its id is taken.</summary>
internal sealed class AddWorldOperation(StoredWorld world) : WriteOperation
{
    public StoredWorld World { get; } = world;

    /// <summary>Gets or sets whether the row went in; set by the writer before the operation completes, read by its caller after.</summary>
    public bool Added { get; set; }
}
