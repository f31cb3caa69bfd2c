using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// The state of one instance (Wasmtime's vmctx): compiled code receives it as its first argument and
/// reaches memories, tables, globals, functions and segments through its fields.
/// </summary>
internal sealed class ModuleInstance(Store store)
{
    public MemoryInstance? Memory;

    public TableInstance[] Tables = [];

    public GlobalInstance[] Globals = [];

    public FunctionInstance[] Functions = [];

    /// <summary>Engine-wide type id of each type index of the module (for call_indirect).</summary>
    public int[] TypeIds = [];

    /// <summary>Passive data segments (empty once dropped or applied).</summary>
    public byte[][] DataSegments = [];

    /// <summary>Element segments as references (empty once dropped or applied).</summary>
    public object?[][] ElementSegments = [];

    public Dictionary<string, object> Exports { get; } = [];

    public Store Store { get; } = store;

    /// <summary>Records this instance as the caller of the next host function (for <see cref="Caller"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnterCall() => Store.CurrentCaller = this;
}
