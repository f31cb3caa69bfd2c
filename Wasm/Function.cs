using System;
using System.Diagnostics;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm;

/// <summary>A function exported by an instance or defined by the host.</summary>
/// <remarks>Calls must follow the store's threading rule: one thread at a time per store.</remarks>
[DebuggerDisplay("Function {Type}")]
public sealed class Function
{
    internal Function(Store store, FunctionInstance instance)
    {
        Store = store;
        Instance = instance;
    }

    /// <summary>The function's signature.</summary>
    public FunctionType Type => Instance.Type;

    internal Store Store { get; }

    internal FunctionInstance Instance { get; }

    /// <summary>
    /// A typed delegate that calls this function directly, for any number of parameters, e.g.
    /// <c>function.Wrap&lt;Func&lt;int, long, double, int&gt;&gt;()</c>. Create it once and keep it.
    /// </summary>
    /// <typeparam name="TDelegate">A delegate type whose parameters and result match the function's type (int, long, float, double, object for references; void for no result).</typeparam>
    /// <returns>The delegate, or null if the signature does not match.</returns>
    public TDelegate? Wrap<TDelegate>()
        where TDelegate : Delegate
    {
        var invoke = typeof(TDelegate).GetMethod("Invoke")!;
        var parameters = Array.ConvertAll(invoke.GetParameters(), static p => p.ParameterType);
        return WasGo.Wasm.Instance.Matches(parameters, Type.ParameterArray) && WasGo.Wasm.Instance.MatchesResult(invoke.ReturnType, Type.ResultArray)
            ? (TDelegate)Compilation.StubCompiler.CreateTypedWrapper(Instance, typeof(TDelegate))
            : null;
    }

    /// <summary>Calls the function with untyped arguments.</summary>
    /// <param name="arguments">One value per parameter, of the parameter's type.</param>
    /// <returns>Null when there are no results, the result as a .NET value when there is one (int, long, float, double, or a reference), an <c>object?[]</c> when there are several.</returns>
    /// <exception cref="ArgumentException">The arguments do not match the parameters.</exception>
    /// <exception cref="TrapException">The call trapped.</exception>
    public object? Invoke(params ValueBox[] arguments)
    {
        var results = InvokeRaw(arguments);
        return results.Length switch
        {
            0 => null,
            1 => results[0].ToObject(),
            _ => Array.ConvertAll(results, static r => r.ToObject()),
        };
    }

    /// <summary>Calls the function and returns every result as a <see cref="ValueBox"/> (bits preserved).</summary>
    /// <param name="arguments">One value per parameter, of the parameter's type.</param>
    /// <returns>The results.</returns>
    /// <exception cref="ArgumentException">The arguments do not match the parameters.</exception>
    /// <exception cref="TrapException">The call trapped.</exception>
    public ValueBox[] InvokeRaw(params ValueBox[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        Store.ThrowIfDisposed();
        var parameters = Type.ParameterArray;
        if (arguments.Length != parameters.Length)
        {
            throw new ArgumentException($"the function takes {parameters.Length} arguments, {arguments.Length} were given", nameof(arguments));
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (arguments[i].Kind != parameters[i])
            {
                throw new ArgumentException($"argument {i} is {arguments[i].Kind}, the parameter is {parameters[i]}", nameof(arguments));
            }
        }

        var results = new ValueBox[Type.ResultArray.Length];
        var invoker = Store.Engine.Stubs.GetInvoker(Type);
        try
        {
            invoker(Instance, arguments, results);
        }
        catch (Exception e) when (e is not WasmException)
        {
            throw Translate(e);
        }

        return results;
    }

    /// <summary>Maps a runtime failure that escaped compiled code to the trap it stands for.</summary>
    internal static WasmException Translate(Exception e) => e switch
    {
        InsufficientExecutionStackException => new TrapException(TrapCode.CallStackExhausted),
        OutOfMemoryException => new WasmException("out of memory", e),
        _ => new WasmException($"the call failed: {e.Message}", e),
    };
}
