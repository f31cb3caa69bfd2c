namespace WasGo.Wasm;

/// <summary>
/// Limits on what guest code may allocate in one <see cref="Store"/>, as Wasmtime's
/// <c>StoreLimits</c>: set with <see cref="Store.SetLimits"/>. A null limit leaves the engine's
/// <see cref="Config"/> in charge.
/// </summary>
/// <remarks>
/// Limits apply to memories, tables and instances created after they are set: a memory keeps the
/// maximum it was created with. Growing past a limit makes <c>memory.grow</c> and <c>table.grow</c>
/// return -1, or trap with <see cref="TrapCode.ResourceLimitExceeded"/> when
/// <see cref="TrapOnGrowFailure"/> is set; creating one instance, memory or table too many throws a
/// <see cref="TrapException"/> with that code.
/// </remarks>
public sealed record StoreLimits
{
    /// <summary>No limits beyond the engine's.</summary>
    public static readonly StoreLimits None = new();

    /// <summary>Gets the largest size of any one linear memory, in bytes (rounded down to whole pages).</summary>
    public long? MemorySize { get; init; }

    /// <summary>Gets the most elements any one table may hold.</summary>
    public long? TableElements { get; init; }

    /// <summary>Gets how many instances the store may hold.</summary>
    public int? Instances { get; init; }

    /// <summary>Gets how many memories the store may hold (created by instances or by the host).</summary>
    public int? Memories { get; init; }

    /// <summary>Gets how many tables the store may hold (created by instances or by the host).</summary>
    public int? Tables { get; init; }

    /// <summary>Gets whether a failed <c>memory.grow</c> or <c>table.grow</c> traps instead of returning -1.</summary>
    public bool TrapOnGrowFailure { get; init; }

    internal long MaxMemoryPages(long engineMaximum) =>
        MemorySize is { } bytes ? System.Math.Min(engineMaximum, bytes / Runtime.MemoryInstance.PageSize) : engineMaximum;

    internal long MaxTableElements(long engineMaximum) =>
        TableElements is { } elements ? System.Math.Min(engineMaximum, elements) : engineMaximum;
}
