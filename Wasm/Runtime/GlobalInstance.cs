namespace WasGo.Wasm.Runtime;

/// <summary>A global's cell: numbers as raw bits in <see cref="Bits"/>, references in <see cref="Reference"/>.</summary>
internal sealed class GlobalInstance(GlobalType type)
{
    public long Bits;

    public object? Reference;

    public GlobalType Type { get; } = type;
}
