using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using WasGo.Wasm.Compilation;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm;

/// <summary>An instantiated module: its exports, ready to be called.</summary>
/// <remarks>Use from one thread at a time, with its store. Typed wrappers should be looked up once and kept.</remarks>
[DebuggerDisplay("Instance of {Module.Name}")]
public sealed class Instance
{
    internal Instance(Store store, Module module, ModuleInstance state)
    {
        Store = store;
        Module = module;
        State = state;
    }

    /// <summary>The module this is an instance of.</summary>
    public Module Module { get; }

    /// <summary>The store that owns this instance.</summary>
    public Store Store { get; }

    internal ModuleInstance State { get; }

    /// <summary>Typed wrappers already made, by export name and delegate type.</summary>
    private Dictionary<(string, Type), Delegate?> Wrappers { get; } = [];

    /// <summary>The names of all exports.</summary>
    public IEnumerable<string> ExportNames => State.Exports.Keys;

    /// <summary>An exported function.</summary>
    /// <param name="name">The export name.</param>
    /// <returns>The function, or null if there is no function export of that name.</returns>
    public Function? GetFunction(string name) =>
        State.Exports.TryGetValue(name, out var e) && e is FunctionInstance f ? new Function(Store, f) : null;

    /// <summary>An exported memory.</summary>
    /// <param name="name">The export name.</param>
    /// <returns>The memory, or null if there is no memory export of that name.</returns>
    public Memory? GetMemory(string name) =>
        State.Exports.TryGetValue(name, out var e) && e is MemoryInstance m ? new Memory(Store, m) : null;

    /// <summary>An exported global.</summary>
    /// <param name="name">The export name.</param>
    /// <returns>The global, or null if there is no global export of that name.</returns>
    public Global? GetGlobal(string name) =>
        State.Exports.TryGetValue(name, out var e) && e is GlobalInstance g ? new Global(Store, g) : null;

    /// <summary>An exported table.</summary>
    /// <param name="name">The export name.</param>
    /// <returns>The table, or null if there is no table export of that name.</returns>
    public Table? GetTable(string name) =>
        State.Exports.TryGetValue(name, out var e) && e is TableInstance t ? new Table(Store, t) : null;

    /// <summary>A typed delegate for an exported function with no parameters and one result.</summary>
    /// <typeparam name="TResult">The result type (int, long, float, double or object for references).</typeparam>
    /// <param name="name">The export name.</param>
    /// <returns>The delegate, or null if there is no such export or its type differs.</returns>
    public Func<TResult>? GetFunction<TResult>(string name) => Wrap<Func<TResult>>(name);

    /// <summary>A typed delegate for an exported function with one parameter and one result.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The export name.</param>
    /// <returns>The delegate, or null if there is no such export or its type differs.</returns>
    public Func<T, TResult>? GetFunction<T, TResult>(string name) => Wrap<Func<T, TResult>>(name);

    /// <summary>A typed delegate for an exported function with two parameters and one result.</summary>
    /// <typeparam name="T1">The first parameter type.</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The export name.</param>
    /// <returns>The delegate, or null if there is no such export or its type differs.</returns>
    public Func<T1, T2, TResult>? GetFunction<T1, T2, TResult>(string name) => Wrap<Func<T1, T2, TResult>>(name);

    /// <summary>A typed delegate for an exported function with three parameters and one result.</summary>
    /// <typeparam name="T1">The first parameter type.</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <typeparam name="T3">The third parameter type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The export name.</param>
    /// <returns>The delegate, or null if there is no such export or its type differs.</returns>
    public Func<T1, T2, T3, TResult>? GetFunction<T1, T2, T3, TResult>(string name) => Wrap<Func<T1, T2, T3, TResult>>(name);

    /// <summary>A typed delegate for an exported function with four parameters and one result.</summary>
    /// <typeparam name="T1">The first parameter type.</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <typeparam name="T3">The third parameter type.</typeparam>
    /// <typeparam name="T4">The fourth parameter type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The export name.</param>
    /// <returns>The delegate, or null if there is no such export or its type differs.</returns>
    public Func<T1, T2, T3, T4, TResult>? GetFunction<T1, T2, T3, T4, TResult>(string name) => Wrap<Func<T1, T2, T3, T4, TResult>>(name);

    /// <summary>A typed delegate for an exported function with no parameters and no results.</summary>
    /// <param name="name">The export name.</param>
    /// <returns>The delegate, or null if there is no such export or its type differs.</returns>
    public Action? GetAction(string name) => Wrap<Action>(name);

    /// <summary>A typed delegate for an exported function with one parameter and no results.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="name">The export name.</param>
    /// <returns>The delegate, or null if there is no such export or its type differs.</returns>
    public Action<T>? GetAction<T>(string name) => Wrap<Action<T>>(name);

    /// <summary>A typed delegate for an exported function with two parameters and no results.</summary>
    /// <typeparam name="T1">The first parameter type.</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <param name="name">The export name.</param>
    /// <returns>The delegate, or null if there is no such export or its type differs.</returns>
    public Action<T1, T2>? GetAction<T1, T2>(string name) => Wrap<Action<T1, T2>>(name);

    /// <summary>A typed delegate for an exported function with three parameters and no results.</summary>
    /// <typeparam name="T1">The first parameter type.</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <typeparam name="T3">The third parameter type.</typeparam>
    /// <param name="name">The export name.</param>
    /// <returns>The delegate, or null if there is no such export or its type differs.</returns>
    public Action<T1, T2, T3>? GetAction<T1, T2, T3>(string name) => Wrap<Action<T1, T2, T3>>(name);

    /// <summary>A typed delegate for an exported function with four parameters and no results.</summary>
    /// <typeparam name="T1">The first parameter type.</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <typeparam name="T3">The third parameter type.</typeparam>
    /// <typeparam name="T4">The fourth parameter type.</typeparam>
    /// <param name="name">The export name.</param>
    /// <returns>The delegate, or null if there is no such export or its type differs.</returns>
    public Action<T1, T2, T3, T4>? GetAction<T1, T2, T3, T4>(string name) => Wrap<Action<T1, T2, T3, T4>>(name);

    private TDelegate? Wrap<TDelegate>(string name)
        where TDelegate : Delegate
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Wrappers.TryGetValue((name, typeof(TDelegate)), out var cached))
        {
            return (TDelegate?)cached;
        }

        var wrapper = CreateWrapper<TDelegate>(name);
        Wrappers[(name, typeof(TDelegate))] = wrapper;
        return wrapper;
    }

    private TDelegate? CreateWrapper<TDelegate>(string name)
        where TDelegate : Delegate
    {
        if (!State.Exports.TryGetValue(name, out var e) || e is not FunctionInstance function)
        {
            return null;
        }

        var invoke = typeof(TDelegate).GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(static p => p.ParameterType).ToArray();
        var type = function.Type;
        if (!Matches(parameters, type.ParameterArray) || !MatchesResult(invoke.ReturnType, type.ResultArray))
        {
            return null;
        }

        return (TDelegate)StubCompiler.CreateTypedWrapper(function, typeof(TDelegate));
    }

    internal static bool Matches(Type[] clrTypes, ValueKind[] kinds)
    {
        if (clrTypes.Length != kinds.Length)
        {
            return false;
        }

        for (var i = 0; i < kinds.Length; i++)
        {
            if (clrTypes[i] != CallingConvention.ClrType(kinds[i]))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool MatchesResult(Type clrType, ValueKind[] kinds) =>
        kinds.Length switch
        {
            0 => clrType == typeof(void),
            1 => clrType == CallingConvention.ClrType(kinds[0]),
            _ => false,
        };
}
