using System.Buffers.Binary;
using System.Text;
using WasGo.Wasm;

namespace WasGo.Persistence;

/// <summary>
/// One WebAssembly SQL function on one connection, with libSQL's calling convention: INTEGER is an
/// i64, REAL an f64, and TEXT, BLOB and NULL an i32 pointer to a tagged value the host writes into
/// memory the guest allocates with its <c>libsql_malloc</c>. An i32 result is read back the same way.
/// Unlike libSQL, integers keep all 64 bits.
/// </summary>
/// <remarks>Used by one connection, so by one thread at a time; the instance is reused between calls and replaced after a trap.</remarks>
internal sealed class WasmSqlFunction(string name, Module module, Engine engine, WasmFunctionOptions options) : IDisposable
{
    private const byte TextTag = 3;
    private const byte BlobTag = 4;
    private const byte NullTag = 5;

    private Store? _store;
    private Function? _function;
    private Func<int, int>? _malloc;
    private Memory? _memory;

    public string Name { get; } = name;

    /// <summary>Checks at CREATE time that the module can serve as the function <paramref name="name"/>.</summary>
    public static void Validate(string name, Module module)
    {
        if (module.Imports.Count > 0)
        {
            throw new WasmFunctionException($"The module of function '{name}' imports {module.Imports[0].ModuleName}.{module.Imports[0].Name}; a SQL function's module must import nothing.");
        }

        if (!module.Exports.Any(e => e.Name == name && e.Kind == ExternKind.Function))
        {
            throw new WasmFunctionException($"The module of function '{name}' exports no function named '{name}'; export the function under the name it is created with.");
        }
    }

    public object? Invoke(object?[] arguments)
    {
        EnsureInstance();
        FunctionType type = _function!.Type;
        if (arguments.Length != type.Parameters.Count)
        {
            throw new WasmFunctionException($"Function '{Name}' takes {type.Parameters.Count} argument(s), but the query passed {arguments.Length}.");
        }

        var boxes = new ValueBox[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            boxes[i] = ToGuest(arguments[i], type.Parameters[i], i + 1);
        }

        ValueBox[] results;
        Store store = _store!;
        store.SetDeadline(options.TimeLimit);
        try
        {
            results = _function.InvokeRaw(boxes);
        }
        catch (TrapException trap)
        {
            store.SetDeadline(null);
            Discard();
            throw trap.Code == TrapCode.Interrupted
                ? new WasmFunctionException($"Function '{Name}' ran longer than its limit of {options.TimeLimit.TotalMilliseconds} ms and was stopped.", trap)
                : new WasmFunctionException($"Function '{Name}' trapped: {trap.Message}", trap);
        }

        store.SetDeadline(null);
        return results.Length == 0 ? null : FromGuest(results[0]);
    }

    private ValueBox ToGuest(object? argument, ValueKind parameter, int position)
    {
        switch (argument)
        {
            case long integer when parameter == ValueKind.Int64:
                return integer;
            case double real when parameter == ValueKind.Float64:
                return real;
            case string text when parameter == ValueKind.Int32:
                int length = Encoding.UTF8.GetByteCount(text);
                int textAddress = Allocate(length + 2);
                Span<byte> textSpan = _memory!.GetSpan(textAddress, length + 2);
                textSpan[0] = TextTag;
                Encoding.UTF8.GetBytes(text, textSpan[1..]);
                textSpan[^1] = 0;
                return textAddress;
            case byte[] blob when parameter == ValueKind.Int32:
                int blobAddress = Allocate(blob.Length + 5);
                Span<byte> blobSpan = _memory!.GetSpan(blobAddress, blob.Length + 5);
                blobSpan[0] = BlobTag;
                BinaryPrimitives.WriteUInt32BigEndian(blobSpan[1..], (uint)blob.Length);
                blob.CopyTo(blobSpan[5..]);
                return blobAddress;
            case null or DBNull when parameter == ValueKind.Int32:
                int nullAddress = Allocate(1);
                _memory!.GetSpan(nullAddress, 1)[0] = NullTag;
                return nullAddress;
            default:
                string given = argument switch { null or DBNull => "NULL", long => "INTEGER", double => "REAL", string => "TEXT", byte[] => "BLOB", _ => argument.GetType().Name };
                throw new WasmFunctionException($"Function '{Name}' argument {position} is {given}, but its parameter is {WasmName(parameter)}: INTEGER needs i64, REAL f64, TEXT/BLOB/NULL i32.");
        }
    }

    private static string WasmName(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        ValueKind.Float64 => "f64",
        _ => kind.ToString(),
    };

    private object? FromGuest(ValueBox result)
    {
        switch (result.Kind)
        {
            case ValueKind.Int64:
                return result.ToInt64();
            case ValueKind.Float64:
                return result.ToDouble();
            case ValueKind.Float32:
                return (double)result.ToSingle();
            case ValueKind.Int32:
                return ReadTagged((uint)result.ToInt32());
            default:
                throw new WasmFunctionException($"Function '{Name}' returns {WasmName(result.Kind)}, which has no SQL type.");
        }
    }

    private object? ReadTagged(uint address)
    {
        Memory memory = _memory ?? throw new WasmFunctionException($"Function '{Name}' returns an i32 (a pointer to a value) but exports no memory.");
        try
        {
            byte tag = memory.GetSpan(address, 1)[0];
            switch (tag)
            {
                case NullTag:
                    return null;
                case TextTag:
                    Span<byte> rest = memory.GetSpan(address + 1, (int)Math.Min(memory.Length - address - 1, int.MaxValue));
                    int end = rest.IndexOf((byte)0);
                    return end < 0
                        ? throw new WasmFunctionException($"Function '{Name}' returned TEXT with no terminating 0 byte.")
                        : Encoding.UTF8.GetString(rest[..end]);
                case BlobTag:
                    uint length = BinaryPrimitives.ReadUInt32BigEndian(memory.GetSpan(address + 1, 4));
                    return memory.GetSpan(address + 5, checked((int)length)).ToArray();
                default:
                    throw new WasmFunctionException($"Function '{Name}' returned a value tagged {tag}; libSQL's tags are 3 (TEXT), 4 (BLOB) and 5 (NULL).");
            }
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or OverflowException)
        {
            throw new WasmFunctionException($"Function '{Name}' returned a pointer ({address}) to a value outside its memory.", exception);
        }
    }

    private int Allocate(int size)
    {
        Func<int, int> malloc = _malloc ?? throw new WasmFunctionException($"Function '{Name}' takes TEXT, BLOB or NULL, so its module must export libsql_malloc(i32) -> i32 and a memory.");
        int address = malloc(size);
        if (address <= 0 || address + (long)size > _memory!.Length)
        {
            throw new WasmFunctionException($"libsql_malloc of function '{Name}' returned {address} for {size} bytes, which is outside its memory.");
        }

        return address;
    }

    private void EnsureInstance()
    {
        if (_function is not null)
        {
            return;
        }

        _store = new Store(engine);
        Instance instance = new Linker(engine).Instantiate(_store, module);
        _function = instance.GetFunction(Name)!;
        _malloc = instance.GetFunction<int, int>("libsql_malloc");
        _memory = instance.GetMemory("memory");
    }

    public void Dispose() => Discard();

    private void Discard()
    {
        _store?.Dispose();
        _store = null;
        _function = null;
        _malloc = null;
        _memory = null;
    }
}
