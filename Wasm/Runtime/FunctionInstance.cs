using System;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// A function value: compiled code and the context it expects as its first argument (a
/// <see cref="ModuleInstance"/> for wasm code, a <see cref="HostFunction"/> for host code). Every
/// function has the calling convention <c>(object context, int depth, params..., ref results...)</c>.
/// </summary>
internal sealed class FunctionInstance(FunctionType type, int typeId, object context, IntPtr code)
{
    public readonly object Context = context;

    public readonly IntPtr Code = code;

    public readonly int TypeId = typeId;

    public FunctionType Type { get; } = type;
}
