using System;

namespace WasGo.Wasm;

/// <summary>Settings of an <see cref="Engine"/>, built fluently: <c>new Config().WithMaxCallDepth(5000)</c>.</summary>
/// <remarks>Not thread-safe while being built; an engine copies the values it needs when created.</remarks>
public sealed class Config
{
    /// <summary>The default maximum call depth of guest code.</summary>
    public const int DefaultMaxCallDepth = 10_000;

    /// <summary>The default maximum size of a linear memory, in 64 KiB pages (4 GiB).</summary>
    public const long DefaultMaxMemoryPages = 65536;

    /// <summary>The default maximum number of table elements.</summary>
    public const long DefaultMaxTableElements = 10_000_000;

    /// <summary>How deep guest calls may nest before the call traps with <see cref="TrapCode.CallStackExhausted"/>.</summary>
    public int MaxCallDepth { get; private set; } = DefaultMaxCallDepth;

    /// <summary>The largest a memory may grow, in pages, whatever its declared maximum.</summary>
    public long MaxMemoryPages { get; private set; } = DefaultMaxMemoryPages;

    /// <summary>The largest a table may grow, in elements, whatever its declared maximum.</summary>
    public long MaxTableElements { get; private set; } = DefaultMaxTableElements;

    /// <summary>The WebAssembly 2.0 features modules may use.</summary>
    public WasmFeatures Features { get; private set; } = WasmFeatures.All;

    /// <summary>Sets the features modules may use (e.g. <see cref="WasmFeatures.None"/> for WebAssembly 1.0 only).</summary>
    /// <param name="features">The accepted features.</param>
    /// <returns>This config.</returns>
    public Config WithFeatures(WasmFeatures features)
    {
        Features = features & WasmFeatures.All;
        return this;
    }

    /// <summary>Turns multi-value on or off.</summary>
    /// <param name="enable">Whether modules may use multi-value.</param>
    /// <returns>This config.</returns>
    public Config WithMultiValue(bool enable) => Toggle(WasmFeatures.MultiValue, enable);

    /// <summary>Turns reference types on or off.</summary>
    /// <param name="enable">Whether modules may use reference types.</param>
    /// <returns>This config.</returns>
    public Config WithReferenceTypes(bool enable) => Toggle(WasmFeatures.ReferenceTypes, enable);

    /// <summary>Turns bulk memory on or off.</summary>
    /// <param name="enable">Whether modules may use bulk memory operations.</param>
    /// <returns>This config.</returns>
    public Config WithBulkMemory(bool enable) => Toggle(WasmFeatures.BulkMemory, enable);

    /// <summary>Sets the maximum call depth.</summary>
    /// <param name="depth">Between 1 and 1,000,000.</param>
    /// <returns>This config.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The depth is out of range.</exception>
    public Config WithMaxCallDepth(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, 1_000_000);
        MaxCallDepth = depth;
        return this;
    }

    /// <summary>
    /// Gets whether compiled code consumes fuel: each instruction costs 1, charged per basic block,
    /// and running out traps with <see cref="TrapCode.OutOfFuel"/> at the next function entry or loop
    /// header. The same module and inputs consume the same fuel on every machine. Off by default.
    /// </summary>
    public bool ConsumesFuel { get; private set; }

    /// <summary>Turns fuel consumption on or off; a store then starts with no fuel (see <see cref="Store.SetFuel"/>).</summary>
    /// <param name="enable">Whether code consumes fuel.</param>
    /// <returns>This config.</returns>
    public Config WithFuelConsumption(bool enable)
    {
        ConsumesFuel = enable;
        return this;
    }

    /// <summary>
    /// Gets whether every float operation that can produce a NaN (arithmetic, square root, min/max,
    /// rounding, promotion and demotion) returns the canonical NaN (0x7FC00000 / 0x7FF8000000000000)
    /// instead of whichever NaN the processor made, as Cranelift's <c>enable_nan_canonicalization</c>.
    /// With it, float results are bit-identical on every machine: the determinism mode worlds need.
    /// Off by default.
    /// </summary>
    public bool CanonicalizesNaNs { get; private set; }

    /// <summary>Turns NaN canonicalisation on or off (see <see cref="CanonicalizesNaNs"/>).</summary>
    /// <param name="enable">Whether NaN results are canonicalised.</param>
    /// <returns>This config.</returns>
    public Config WithNaNCanonicalization(bool enable)
    {
        CanonicalizesNaNs = enable;
        return this;
    }

    /// <summary>Sets the maximum memory size in pages.</summary>
    /// <param name="pages">Between 0 and 65536.</param>
    /// <returns>This config.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size is out of range.</exception>
    public Config WithMaxMemoryPages(long pages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pages, DefaultMaxMemoryPages);
        MaxMemoryPages = pages;
        return this;
    }

    /// <summary>Sets the maximum table size in elements.</summary>
    /// <param name="elements">Between 0 and 2^32 - 1.</param>
    /// <returns>This config.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size is out of range.</exception>
    public Config WithMaxTableElements(long elements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elements);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elements, uint.MaxValue);
        MaxTableElements = elements;
        return this;
    }

    private Config Toggle(WasmFeatures feature, bool enable)
    {
        Features = enable ? Features | feature : Features & ~feature;
        return this;
    }
}
