using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// The state of one instance (Wasmtime's vmctx): compiled code receives it as its first argument and
/// reaches memories, tables, globals, functions and segments through its fields.
/// </summary>
internal sealed class ModuleInstance(Store store, Compilation.CompiledModule code)
{
    /// <summary>
    /// The compiled code. Functions are called through raw code pointers, which do not keep a
    /// collectible assembly alive: this reference does, for as long as any function of the instance
    /// can be reached (from a table, a delegate, another instance's imports).
    /// </summary>
    public readonly Compilation.CompiledModule Code = code;

    public MemoryInstance? Memory;

    /// <summary>The store's interrupt request, checked at function entry and loop headers.</summary>
    public InterruptRequest Interrupt = store.InterruptRequest;

    /// <summary>The store's fuel, read by compiled code when the engine consumes fuel.</summary>
    public FuelCell Fuel = store.Fuel;

    public TableInstance[] Tables = [];

    public GlobalInstance[] Globals = [];

    public FunctionInstance[] Functions = [];

    /// <summary>Engine-wide type id of each type index of the module (for call_indirect).</summary>
    public int[] TypeIds = [];

    /// <summary>Passive data segments (empty once dropped or applied).</summary>
    public byte[][] DataSegments = [];

    /// <summary>Element segments as references (empty once dropped or applied).</summary>
    public object?[][] ElementSegments = [];

    // Float constants the JIT would use to fold x - 0.0, x * 1.0, x / -1.0 ... into x or -x, which
    // loses the quieting of signaling NaNs that wasm requires. Loaded from here, they stay opaque.
    public float F32Zero;
    public float F32NegativeZero = -0f;
    public float F32One = 1f;
    public float F32NegativeOne = -1f;
    public double F64Zero;
    public double F64NegativeZero = -0d;
    public double F64One = 1d;
    public double F64NegativeOne = -1d;

    public Dictionary<string, object> Exports { get; } = [];

    public Store Store { get; } = store;

    /// <summary>Records this instance as the caller of the next host function (for <see cref="Caller"/>).</summary>
    /// <remarks>
    /// Writes only on a change: storing a reference costs a GC write barrier, and a guest calling
    /// imports in a loop is almost always the caller already.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnterCall()
    {
        var store = Store;
        if (!ReferenceEquals(store.CurrentCaller, this))
        {
            store.CurrentCaller = this;
        }
    }
}
