namespace WasGo.Wasm.Text.Binary;

/// <summary>The entries of one vector section: how many, and their bytes.</summary>
internal sealed class Section
{
    /// <summary>The number of entries.</summary>
    public int Count { get; set; }

    /// <summary>The encoded entries.</summary>
    public ByteBuffer Body { get; } = new();
}
