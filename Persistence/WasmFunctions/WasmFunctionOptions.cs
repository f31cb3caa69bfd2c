namespace WasGo.Persistence;

/// <summary>The limits a WebAssembly SQL function runs under.</summary>
/// <remarks>
/// Read once, when <see cref="WasmSqlConnection.OpenAsync"/> opens a connection; changing an
/// instance afterwards does not affect connections already open.
/// </remarks>
public sealed class WasmFunctionOptions
{
    /// <summary>The default of <see cref="FuelPerCall"/>: a billion units, which an empty loop uses in under a second here.</summary>
    public const long DefaultFuelPerCall = 1_000_000_000;

    /// <summary>The default of <see cref="MaxMemoryPages"/>: 16 MiB.</summary>
    public const long DefaultMaxMemoryPages = 256;

    /// <summary>The default of <see cref="MaxStackSize"/>: 512 KiB, Wasmtime's own default.</summary>
    public const int DefaultMaxStackSize = 512 * 1024;

    /// <summary>The largest <see cref="MaxMemoryPages"/>: 65,536 pages, the 4 GiB a 32-bit memory can address.</summary>
    public const long MaxMemoryPagesLimit = 65_536;

    /// <summary>The smallest <see cref="MaxStackSize"/>: 16 KiB.</summary>
    public const int MinStackSize = 16 * 1024;

    /// <summary>
    /// The largest <see cref="MaxStackSize"/>: 1 MiB. A function runs on the stack of the thread
    /// that runs the query, so its stack must fit in that thread's with room to spare.
    /// </summary>
    public const int MaxStackSizeLimit = 1024 * 1024;

    /// <summary>
    /// Gets or sets the fuel one call may use: roughly one unit per WebAssembly instruction,
    /// including the <c>libsql_malloc</c> calls that pass its arguments. A call that uses it all is
    /// stopped and its statement fails. The count is deterministic (the same call stops at the same
    /// instruction on every machine); the time it takes is not. Default
    /// <see cref="DefaultFuelPerCall"/>; at least 1.
    /// </summary>
    public long FuelPerCall { get; set; } = DefaultFuelPerCall;

    /// <summary>
    /// Gets or sets the most linear-memory pages (64 KiB each) a function's memory may have: a
    /// module that declares more fails its calls, and <c>memory.grow</c> past it returns -1.
    /// Default <see cref="DefaultMaxMemoryPages"/>; 0 to <see cref="MaxMemoryPagesLimit"/>.
    /// </summary>
    public long MaxMemoryPages { get; set; } = DefaultMaxMemoryPages;

    /// <summary>
    /// Gets or sets the most stack, in bytes, a call may use; deeper recursion stops the call and
    /// fails its statement. Where exactly it stops depends on the compiled code, so this is a
    /// safety limit, not a deterministic one. Default <see cref="DefaultMaxStackSize"/>;
    /// <see cref="MinStackSize"/> to <see cref="MaxStackSizeLimit"/>.
    /// </summary>
    public int MaxStackSize { get; set; } = DefaultMaxStackSize;
}
