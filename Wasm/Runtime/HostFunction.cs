using System;

namespace WasGo.Wasm.Runtime;

/// <summary>A host function as defined on a <see cref="Linker"/>: the delegate, its wasm type and its compiled stub.</summary>
internal sealed class HostFunction(FunctionType type, Delegate callback, bool passesCaller, Type stubType)
{
    public FunctionType Type { get; } = type;

    public Delegate Callback { get; } = callback;

    public bool PassesCaller { get; } = passesCaller;

    /// <summary>Code pointer of the stub with the wasm calling convention that invokes <see cref="Callback"/>.</summary>
    public IntPtr Stub { get; } = stubType.GetMethod("Invoke")!.MethodHandle.GetFunctionPointer();

    /// <summary>The generated type holding the stub; referencing it keeps its collectible assembly alive.</summary>
    public Type StubType { get; } = stubType;
}
