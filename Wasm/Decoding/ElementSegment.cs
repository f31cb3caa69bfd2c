namespace WasGo.Wasm.Decoding;

/// <summary>A decoded element segment: each item is a constant expression giving a reference.</summary>
internal sealed class ElementSegment(SegmentMode mode, int table, Instruction[]? offset, ValueKind type, Instruction[][] items, int position)
{
    public SegmentMode Mode { get; } = mode;

    public int Table { get; } = table;

    public Instruction[]? OffsetExpression { get; } = offset;

    public ValueKind Type { get; } = type;

    public Instruction[][] Items { get; } = items;

    public int Position { get; } = position;
}
