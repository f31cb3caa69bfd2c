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

    /// <summary>Checks what an untyped callback returned against the function type.</summary>
    public ValueBox[] CheckResults(ValueBox[]? results)
    {
        var expected = Function.Type.ResultArray;
        if (results is null || results.Length != expected.Length)
        {
            throw new ArgumentException($"the host function must return {expected.Length} results, it returned {results?.Length ?? 0}");
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (results[i].Kind != expected[i])
            {
                throw new ArgumentException($"result {i} of the host function is {results[i].Kind}, its type says {expected[i]}");
            }
        }

        return results;
    }

    /// <summary>Exception filter of host stubs: only exceptions that are not already wasm errors get wrapped.</summary>
    public static bool ShouldWrap(object exception) => exception is not WasmException;

    /// <summary>Turns an exception from a callback into what the guest call reports: traps pass, others become a host-error trap.</summary>
    public static Exception Fail(Exception exception) =>
        exception is WasmException ? exception : new TrapException($"host function threw {exception.GetType().Name}: {exception.Message}", exception);
}
