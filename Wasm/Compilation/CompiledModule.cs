using System;
using System.Reflection;

namespace WasGo.Wasm.Compilation;

/// <summary>
/// The compiled code of a module: one static method per defined function in a collectible assembly.
/// Holding this object keeps the code alive; when nothing refers to it, the assembly can be unloaded.
/// </summary>
internal sealed class CompiledModule(Type type, MethodInfo[] methods)
{
    public Type Type { get; } = type;

    public MethodInfo[] Methods { get; } = methods;

    /// <summary>Code pointers, resolved lazily (the first call of each goes through the JIT's stub).</summary>
    public IntPtr[] CodePointers { get; } = Array.ConvertAll(methods, static m => m.MethodHandle.GetFunctionPointer());
}
