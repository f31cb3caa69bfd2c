using System;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// The context a host function's stub receives: the callback and the store it runs in (so that it can
/// hand the callback a <see cref="Caller"/> for the calling instance).
/// </summary>
internal sealed class HostContext(HostFunction function, Store store)
{
    public readonly Delegate Callback = function.Callback;

    public HostFunction Function { get; } = function;

    public Store Store { get; } = store;

    public Caller CreateCaller() => new(Store.CurrentCaller, Store);

    /// <summary>Turns an exception from a callback into what the guest call reports: traps pass, others become a host-error trap.</summary>
    public static Exception Fail(Exception exception) =>
        exception is WasmException ? exception : new TrapException($"host function threw {exception.GetType().Name}: {exception.Message}", exception);
}
