namespace WasGo.Wasm;

/// <summary>The limits of a linear memory, in 64 KiB pages.</summary>
/// <param name="Minimum">The initial size in pages.</param>
/// <param name="Maximum">The maximum size in pages, or null for none.</param>
public sealed record MemoryType(long Minimum, long? Maximum);
