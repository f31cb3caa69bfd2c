namespace WasGo.Persistence;

/// <summary>The limits a WebAssembly SQL function runs under.</summary>
public sealed class WasmFunctionOptions
{
    /// <summary>Gets or sets how long one call may run before it is stopped and its query fails. Default 1 second.</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the most linear-memory pages (64 KiB each) a function's instance may have. Default 256 (16 MiB).</summary>
    public long MaxMemoryPages { get; set; } = 256;

    /// <summary>Gets or sets the deepest call nesting inside a function. Default 10,000.</summary>
    public int MaxCallDepth { get; set; } = 10_000;
}
