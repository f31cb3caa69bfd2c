using System.Diagnostics;
using System.Globalization;
using Wasmtime;

namespace WasGo.Persistence;

/// <summary>
/// One WebAssembly SQL function on one connection, with libSQL's calling convention: INTEGER is an
/// i64, REAL an f64, and TEXT, BLOB and NULL an i32 pointer to a tagged value the host writes into
/// memory the guest allocates with its <c>libsql_malloc</c>. An i32 result is read back the same way.
/// Unlike libSQL, integers keep all 64 bits.
/// </summary>
/// <remarks>
/// Its module is compiled once, at CREATE or when the connection opens. Its instance lives in a
/// store of its own (fuel, memory limit), made at the first call, reused between calls, and
/// replaced after a trap; the typed export, <c>libsql_malloc</c> and the memory are looked up once
/// per instance. Used by one connection, so by one thread at a time.
/// </remarks>
[DebuggerDisplay("{Name,nq}({_parameterCount} parameter(s)), instance {_call is null ? \"not made\" : \"live\",nq}")]
internal sealed partial class WasmSqlFunction : IDisposable
{
    /// <summary>The export that allocates guest memory for TEXT, BLOB and NULL arguments.</summary>
    public const string MallocExport = "libsql_malloc";

    /// <summary>The memory tagged values live in.</summary>
    public const string MemoryExport = "memory";

    private const long PageSize = 65_536;

    // Tables are not in libSQL's ABI, but a module may have one (function pointers); this keeps a
    // table.grow from taking gigabytes (8 bytes an element) while fitting any real program's table.
    private const uint MaxTableElements = 1_000_000;

    private readonly Module _module;
    private readonly Engine _engine;
    private readonly Linker _linker;
    private readonly WasmFunctionOptions _options;
    private readonly int _parameterCount;

    private Store? _store;
    private GuestCall? _call;
    private Func<int, int>? _malloc;
    private Memory? _memory;

    private WasmSqlFunction(string name, Module module, int parameterCount, Engine engine, Linker linker, WasmFunctionOptions options)
    {
        Name = name;
        _module = module;
        _parameterCount = parameterCount;
        _engine = engine;
        _linker = linker;
        _options = options;
    }

    public string Name { get; }

    /// <summary>
    /// Checks that <paramref name="module"/> can serve as the function <paramref name="name"/> and
    /// makes it; the function then owns the module, and disposes it if the check fails.
    /// </summary>
    /// <exception cref="WasmFunctionException">The module imports something, lacks the export, or its types do not fit libSQL's ABI.</exception>
    public static WasmSqlFunction Create(string name, Module module, Engine engine, Linker linker, WasmFunctionOptions options)
    {
        try
        {
            FunctionExport export = Validate(name, module);
            return new WasmSqlFunction(name, module, export.Parameters.Count, engine, linker, options);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    /// <summary>Calls the function with one row's arguments; what SQLite calls for each row.</summary>
    /// <exception cref="WasmFunctionException">Wrong arguments, a trap, fuel used up, or a bad result; the message says which function and what.</exception>
    public object? Invoke(object?[] arguments)
    {
        if (arguments.Length != _parameterCount)
        {
            throw new WasmFunctionException($"Function '{Name}' takes {_parameterCount} argument(s), but the query passed {arguments.Length}.");
        }

        EnsureInstance();

        // Fuel for the whole call, the libsql_malloc calls that pass the arguments included.
        _store!.Fuel = (ulong)_options.FuelPerCall;
        try
        {
            return _call!.Invoke(this, arguments);
        }
        catch (TrapException trap)
        {
            Discard();
            throw new WasmFunctionException($"Function '{Name}' {WasmtimeErrors.Describe(trap, _options)}.", trap);
        }
        catch (WasmtimeException exception)
        {
            Discard();
            throw new WasmFunctionException($"Function '{Name}' failed: {WasmtimeErrors.Describe(exception)}.", exception);
        }
    }

    public void Dispose()
    {
        Discard();
        _module.Dispose();
    }

    private static FunctionExport Validate(string name, Module module)
    {
        if (module.Imports.Count > 0)
        {
            Import import = module.Imports[0];
            throw new WasmFunctionException($"The module of function '{name}' imports {import.ModuleName}.{import.Name}; a SQL function's module must import nothing.");
        }

        FunctionExport export = module.Exports.OfType<FunctionExport>().FirstOrDefault(e => e.Name == name)
            ?? throw new WasmFunctionException($"The module of function '{name}' exports no function named '{name}'; export the function under the name it is created with.");

        for (int i = 0; i < export.Parameters.Count; i++)
        {
            if (export.Parameters[i] is not (ValueKind.Int32 or ValueKind.Int64 or ValueKind.Float64))
            {
                throw new WasmFunctionException($"Function '{name}' parameter {i + 1} is {WasmValueTypes.Name(export.Parameters[i])}; libSQL passes INTEGER as i64, REAL as f64, and TEXT, BLOB and NULL as an i32 pointer.");
            }
        }

        if (export.Results.Count > 1 || (export.Results.Count == 1 && export.Results[0] is not (ValueKind.Int32 or ValueKind.Int64 or ValueKind.Float32 or ValueKind.Float64)))
        {
            string results = string.Join(", ", export.Results.Select(WasmValueTypes.Name));
            throw new WasmFunctionException($"Function '{name}' returns ({results}); a SQL function returns one value: i64 (INTEGER), f64 or f32 (REAL), or an i32 pointer to a TEXT, BLOB or NULL value.");
        }

        bool takesPointers = export.Parameters.Contains(ValueKind.Int32);
        bool returnsPointer = export.Results is [ValueKind.Int32];
        if (takesPointers && !module.Exports.OfType<FunctionExport>().Any(e => e.Name == MallocExport && e.Parameters is [ValueKind.Int32] && e.Results is [ValueKind.Int32]))
        {
            throw new WasmFunctionException($"Function '{name}' takes TEXT, BLOB or NULL (an i32 parameter), so its module must export {MallocExport}(i32) -> i32 and a memory named '{MemoryExport}'.");
        }

        if (takesPointers || returnsPointer)
        {
            MemoryExport? memory = module.Exports.OfType<MemoryExport>().FirstOrDefault(e => e.Name == MemoryExport);
            if (memory is null)
            {
                throw new WasmFunctionException($"Function '{name}' passes values through pointers (i32), so its module must export a memory named '{MemoryExport}'.");
            }

            if (memory.Is64Bit)
            {
                throw new WasmFunctionException($"The memory of function '{name}' is 64-bit; libSQL's values are addressed with 32-bit pointers, so it must be a 32-bit memory.");
            }
        }

        return export;
    }


    private void EnsureInstance()
    {
        if (_call is not null)
        {
            return;
        }

        var store = new Store(_engine);
        try
        {
            store.SetLimits(memorySize: _options.MaxMemoryPages * PageSize, tableElements: MaxTableElements, instances: 1, memories: 1);

            // A start function runs on this fuel.
            store.Fuel = (ulong)_options.FuelPerCall;
            Instance instance = _linker.Instantiate(store, _module);
            _call = GuestCall.For(instance.GetFunction(Name)!);
            _malloc = instance.GetFunction<int, int>(MallocExport);
            _memory = instance.GetMemory(MemoryExport);
            _store = store;
        }
        catch (TrapException trap)
        {
            store.Dispose();
            _call = null;
            throw new WasmFunctionException($"Function '{Name}' could not start: its module's start function {WasmtimeErrors.Describe(trap, _options)}.", trap);
        }
        catch (WasmtimeException exception)
        {
            store.Dispose();
            _call = null;
            throw new WasmFunctionException(string.Create(CultureInfo.InvariantCulture, $"Function '{Name}' could not be instantiated: {WasmtimeErrors.Describe(exception)} (WasmFunctionOptions.MaxMemoryPages is {_options.MaxMemoryPages})."), exception);
        }
    }

    private void Discard()
    {
        _store?.Dispose();
        _store = null;
        _call = null;
        _malloc = null;
        _memory = null;
    }
}
