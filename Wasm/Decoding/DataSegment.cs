namespace WasGo.Wasm.Decoding;

/// <summary>A decoded data segment.</summary>
internal sealed class DataSegment(SegmentMode mode, int memory, Instruction[]? offset, byte[] bytes, int position)
{
    public SegmentMode Mode { get; } = mode;

    public int Memory { get; } = memory;

    public Instruction[]? OffsetExpression { get; } = offset;

    public byte[] Bytes { get; } = bytes;

    public int Position { get; } = position;
}
