using System;
using System.Collections.Generic;
using System.Linq;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm;

/// <summary>
/// Resolves imports by module and field name: host functions defined from delegates, and functions,
/// memories, tables and globals of the host or of other instances. Instantiates modules against them.
/// </summary>
/// <remarks>
/// Define everything first, then instantiate; defining is not thread-safe. Host functions receive the
/// calling instance when their delegate's first parameter is a <see cref="Caller"/>.
/// </remarks>
public sealed class Linker
{
    private readonly Dictionary<(string Module, string Name), object> _definitions = [];

    /// <summary>Creates a linker.</summary>
    /// <param name="engine">The engine whose modules this linker instantiates.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is null.</exception>
    public Linker(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
    }

    /// <summary>The engine.</summary>
    public Engine Engine { get; }

    /// <summary>Whether a definition may replace an earlier one of the same name (otherwise that throws).</summary>
    public bool AllowShadowing { get; set; }

    /// <summary>Defines a memory, table, global or function under a module and field name.</summary>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="item">A <see cref="Function"/>, <see cref="Memory"/>, <see cref="Table"/> or <see cref="Global"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The item is of another type.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined and shadowing is off.</exception>
    public void Define(string module, string name, object item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item is not (Function or Memory or Table or Global))
        {
            throw new ArgumentException($"item is a {item.GetType().Name}; define a Function, Memory, Table or Global", nameof(item));
        }

        Add(module, name, item);
    }

    /// <summary>Defines every export of an instance under a module name (the spec's "register").</summary>
    /// <param name="module">The module name importers will use.</param>
    /// <param name="instance">The instance whose exports to define.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">A name is already defined and shadowing is off.</exception>
    public void DefineInstance(string module, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, value) in instance.State.Exports)
        {
            object item = value switch
            {
                FunctionInstance f => new Function(instance.Store, f),
                MemoryInstance m => new Memory(instance.Store, m),
                TableInstance t => new Table(instance.Store, t),
                _ => new Global(instance.Store, (GlobalInstance)value),
            };
            Add(module, name, item);
        }
    }

    /// <summary>
    /// Defines a host function from any delegate whose parameters and result are int, long, float,
    /// double or object (externref); a ValueTuple result gives several results; a first parameter of
    /// type <see cref="Caller"/> receives the caller.
    /// </summary>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A parameter or result type has no wasm equivalent.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined and shadowing is off.</exception>
    public void DefineFunction(string module, string name, Delegate callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var invoke = callback.GetType().GetMethod("Invoke")!;
        var parameters = invoke.GetParameters().Select(static p => p.ParameterType).ToList();
        var passesCaller = parameters.Count > 0 && parameters[0] == typeof(Caller);
        if (passesCaller)
        {
            parameters.RemoveAt(0);
        }

        var parameterKinds = parameters.Select(t => KindOf(t, nameof(callback))).ToArray();
        var returnType = invoke.ReturnType;
        var resultKinds = returnType == typeof(void) ? []
            : IsValueTuple(returnType) ? returnType.GetGenericArguments().Select(t => KindOf(t, nameof(callback))).ToArray()
            : [KindOf(returnType, nameof(callback))];
        var type = new FunctionType(parameterKinds, resultKinds);
        var stub = Engine.Stubs.CompileHostStub(type, callback.GetType(), passesCaller);
        Add(module, name, new HostFunction(type, callback, passesCaller, stub));
    }

    /// <summary>Defines an untyped host function of a given wasm type (any number of parameters and results).</summary>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="type">The wasm type of the function.</param>
    /// <param name="callback">The host code; it must return one value per result, of the result's type (otherwise the call traps).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined and shadowing is off.</exception>
    public void DefineFunction(string module, string name, FunctionType type, HostCallback callback)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        var stub = Engine.Stubs.CompileHostStub(type, typeof(HostCallback), passesCaller: true);
        Add(module, name, new HostFunction(type, callback, passesCaller: true, stub));
    }

    /// <summary>Defines a host function with no parameters and no results.</summary>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void DefineFunction(string module, string name, Action callback) => DefineFunction(module, name, (Delegate)callback);

    /// <summary>Defines a host function with one parameter (or a <see cref="Caller"/>) and no results.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void DefineFunction<T>(string module, string name, Action<T> callback) => DefineFunction(module, name, (Delegate)callback);

    /// <summary>Defines a host function with two parameters and no results.</summary>
    /// <typeparam name="T1">The first parameter type (or <see cref="Caller"/>).</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void DefineFunction<T1, T2>(string module, string name, Action<T1, T2> callback) => DefineFunction(module, name, (Delegate)callback);

    /// <summary>Defines a host function with three parameters and no results.</summary>
    /// <typeparam name="T1">The first parameter type (or <see cref="Caller"/>).</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <typeparam name="T3">The third parameter type.</typeparam>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void DefineFunction<T1, T2, T3>(string module, string name, Action<T1, T2, T3> callback) => DefineFunction(module, name, (Delegate)callback);

    /// <summary>Defines a host function with no parameters and one result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void DefineFunction<TResult>(string module, string name, Func<TResult> callback) => DefineFunction(module, name, (Delegate)callback);

    /// <summary>Defines a host function with one parameter and one result.</summary>
    /// <typeparam name="T">The parameter type (or <see cref="Caller"/>).</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void DefineFunction<T, TResult>(string module, string name, Func<T, TResult> callback) => DefineFunction(module, name, (Delegate)callback);

    /// <summary>Defines a host function with two parameters and one result.</summary>
    /// <typeparam name="T1">The first parameter type (or <see cref="Caller"/>).</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void DefineFunction<T1, T2, TResult>(string module, string name, Func<T1, T2, TResult> callback) => DefineFunction(module, name, (Delegate)callback);

    /// <summary>Defines a host function with three parameters and one result.</summary>
    /// <typeparam name="T1">The first parameter type (or <see cref="Caller"/>).</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <typeparam name="T3">The third parameter type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void DefineFunction<T1, T2, T3, TResult>(string module, string name, Func<T1, T2, T3, TResult> callback) => DefineFunction(module, name, (Delegate)callback);

    /// <summary>Defines a host function with four parameters and no results.</summary>
    /// <typeparam name="T1">The first parameter type (or <see cref="Caller"/>).</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <typeparam name="T3">The third parameter type.</typeparam>
    /// <typeparam name="T4">The fourth parameter type.</typeparam>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void DefineFunction<T1, T2, T3, T4>(string module, string name, Action<T1, T2, T3, T4> callback) => DefineFunction(module, name, (Delegate)callback);

    /// <summary>Defines a host function with four parameters and one result.</summary>
    /// <typeparam name="T1">The first parameter type (or <see cref="Caller"/>).</typeparam>
    /// <typeparam name="T2">The second parameter type.</typeparam>
    /// <typeparam name="T3">The third parameter type.</typeparam>
    /// <typeparam name="T4">The fourth parameter type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="module">The import module name.</param>
    /// <param name="name">The import field name.</param>
    /// <param name="callback">The host code.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void DefineFunction<T1, T2, T3, T4, TResult>(string module, string name, Func<T1, T2, T3, T4, TResult> callback) => DefineFunction(module, name, (Delegate)callback);

    /// <summary>Instantiates a module, resolving its imports from this linker's definitions.</summary>
    /// <param name="store">The store that will own the instance.</param>
    /// <param name="module">The module.</param>
    /// <returns>The instance, after its start function ran.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The store or the module belongs to another engine.</exception>
    /// <exception cref="LinkException">An import is missing or has another type.</exception>
    /// <exception cref="TrapException">A segment did not fit or the start function trapped.</exception>
    public Instance Instantiate(Store store, Module module)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        store.ThrowIfDisposed();
        if (store.Engine != Engine || module.Engine != Engine)
        {
            throw new ArgumentException("the linker, the store and the module must come from the same engine", nameof(module));
        }

        var resolved = new List<object>(module.Imports.Count);
        foreach (var import in module.Imports)
        {
            if (!_definitions.TryGetValue((import.ModuleName, import.Name), out var item))
            {
                throw new LinkException($"unknown import: {import.ModuleName}.{import.Name} ({import.Kind}) is not defined");
            }

            resolved.Add(Resolve(store, import, item));
        }

        try
        {
            var state = Instantiator.Instantiate(store, module, resolved);
            return new Instance(store, module, state);
        }
        catch (Exception e) when (e is not WasmException)
        {
            throw Function.Translate(e);
        }
    }

    /// <summary>
    /// Lists why a module's imports would not link, without instantiating it: each import that is
    /// not defined, and each function import whose type differs from its definition's.
    /// </summary>
    /// <param name="module">The module to check.</param>
    /// <returns>One message per import that would fail, in import order; empty if every import links.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is null.</exception>
    /// <remarks>Memory, table and global imports are checked for presence only: their limits depend on the instance they come from.</remarks>
    public IReadOnlyList<string> FindLinkProblems(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var problems = new List<string>();
        foreach (var import in module.Imports)
        {
            var what = $"{import.ModuleName}.{import.Name}";
            if (!_definitions.TryGetValue((import.ModuleName, import.Name), out var item))
            {
                problems.Add($"unknown import: {what} ({import.Kind}) is not defined");
                continue;
            }

            var defined = item switch
            {
                HostFunction host => host.Type,
                Function function => function.Type,
                _ => null,
            };
            if (import.Kind == ExternKind.Function && defined is not null && !defined.Equals(import.Type))
            {
                problems.Add($"incompatible import type: {what} is {defined}, the module expects {import.Type}");
            }
        }

        return problems;
    }

    private static ValueKind KindOf(Type type, string parameter) =>
        type == typeof(int) ? ValueKind.Int32
        : type == typeof(long) ? ValueKind.Int64
        : type == typeof(float) ? ValueKind.Float32
        : type == typeof(double) ? ValueKind.Float64
        : type == typeof(object) ? ValueKind.ExternRef
        : throw new ArgumentException($"{type.Name} has no wasm equivalent; use int, long, float, double or object", parameter);

    private static bool IsValueTuple(Type type) =>
        type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && type.GetGenericArguments().Length is > 1 and < 8;

    private static bool LimitsMatch(long actualMin, long? actualMax, long importMin, long? importMax) =>
        actualMin >= importMin && (importMax is null || (actualMax is not null && actualMax <= importMax));

    private void Add(string module, string name, object item)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        if (!AllowShadowing && _definitions.ContainsKey((module, name)))
        {
            throw new InvalidOperationException($"{module}.{name} is already defined; set AllowShadowing to replace it");
        }

        _definitions[(module, name)] = item;
    }

    private object Resolve(Store store, Import import, object item)
    {
        var what = $"{import.ModuleName}.{import.Name}";
        switch (import.Kind, item)
        {
            case (ExternKind.Function, HostFunction host):
                if (!host.Type.Equals(import.Type))
                {
                    throw new LinkException($"incompatible import type: {what} is {host.Type}, the module expects {import.Type}");
                }

                return new FunctionInstance(host.Type, Engine.TypeId(host.Type), new HostContext(host, store), host.Stub);
            case (ExternKind.Function, Function function):
                if (!function.Type.Equals(import.Type))
                {
                    throw new LinkException($"incompatible import type: {what} is {function.Type}, the module expects {import.Type}");
                }

                return function.Instance;
            case (ExternKind.Memory, Memory memory):
                var memoryType = (MemoryType)import.Type;
                if (!LimitsMatch(memory.Instance.Pages, memory.Type.Maximum, memoryType.Minimum, memoryType.Maximum))
                {
                    throw new LinkException($"incompatible import type: memory {what} has limits {memory.Type}, the module expects {memoryType}");
                }

                return memory.Instance;
            case (ExternKind.Table, Table table):
                var tableType = (TableType)import.Type;
                if (table.Type.Element != tableType.Element
                    || !LimitsMatch(table.Instance.Length, table.Type.Maximum, tableType.Minimum, tableType.Maximum))
                {
                    throw new LinkException($"incompatible import type: table {what} is {table.Type}, the module expects {tableType}");
                }

                return table.Instance;
            case (ExternKind.Global, Global global):
                if (!global.Type.Equals(import.Type))
                {
                    throw new LinkException($"incompatible import type: global {what} is {global.Type}, the module expects {import.Type}");
                }

                return global.Instance;
            default:
                throw new LinkException($"incompatible import type: {what} is a {item.GetType().Name}, the module imports a {import.Kind}");
        }
    }
}
