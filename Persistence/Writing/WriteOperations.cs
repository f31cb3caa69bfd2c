namespace WasGo.Persistence;

/// <summary>Store module bytes once and tag them.</summary>
internal sealed class PutModuleOperation(ModuleTag tag, ReadOnlyMemory<byte> bytes) : WriteOperation
{
    public ModuleTag Tag { get; } = tag;

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
}
