using System.Buffers.Binary;
using System.Text;
using Wasmtime;

namespace WasGo.Persistence;

/// <summary>libSQL's values crossing into and out of the guest, for <see cref="GuestCall"/>.</summary>
internal sealed partial class WasmSqlFunction
{
    private const byte TextTag = 3;
    private const byte BlobTag = 4;
    private const byte NullTag = 5;

    /// <summary>An INTEGER argument for an i64 parameter.</summary>
    /// <exception cref="WasmFunctionException">The argument is not an INTEGER.</exception>
    public long ToInt64(object? argument, int position) =>
        argument is long integer ? integer : throw Mismatch(argument, position, ValueKind.Int64);

    /// <summary>A REAL argument for an f64 parameter.</summary>
    /// <exception cref="WasmFunctionException">The argument is not a REAL.</exception>
    public double ToFloat64(object? argument, int position) =>
        argument is double real ? real : throw Mismatch(argument, position, ValueKind.Float64);

    /// <summary>A TEXT, BLOB or NULL argument for an i32 parameter: written, tagged, into memory from <c>libsql_malloc</c>.</summary>
    /// <exception cref="WasmFunctionException">The argument is an INTEGER or REAL, or <c>libsql_malloc</c> returned an address outside memory.</exception>
    /// <exception cref="TrapException"><c>libsql_malloc</c> trapped.</exception>
    public int ToTaggedValue(object? argument, int position)
    {
        switch (argument)
        {
            case string text:
                int length = Encoding.UTF8.GetByteCount(text);
                int textAddress = Allocate(length + 2);
                Span<byte> textSpan = _memory!.GetSpan(textAddress, length + 2);
                textSpan[0] = TextTag;
                Encoding.UTF8.GetBytes(text, textSpan[1..]);
                textSpan[^1] = 0;
                return textAddress;
            case byte[] blob:
                int blobAddress = Allocate(blob.Length + 5);
                Span<byte> blobSpan = _memory!.GetSpan(blobAddress, blob.Length + 5);
                blobSpan[0] = BlobTag;
                BinaryPrimitives.WriteUInt32BigEndian(blobSpan[1..], (uint)blob.Length);
                blob.CopyTo(blobSpan[5..]);
                return blobAddress;
            case null or DBNull:
                int nullAddress = Allocate(1);
                _memory!.GetSpan(nullAddress, 1)[0] = NullTag;
                return nullAddress;
            default:
                throw Mismatch(argument, position, ValueKind.Int32);
        }
    }

    /// <summary>An i32 result: the TEXT, BLOB or NULL at that address.</summary>
    /// <exception cref="WasmFunctionException">The address is outside memory, the tag unknown, or TEXT has no terminating 0.</exception>
    public object? FromTaggedValue(int result)
    {
        Memory memory = _memory!;
        long address = (uint)result;
        long length = memory.GetLength();
        if (address >= length)
        {
            throw Outside(address);
        }

        byte tag = memory.GetSpan(address, 1)[0];
        switch (tag)
        {
            case NullTag:
                return null;
            case TextTag:
                long start = address + 1;
                if (start >= length)
                {
                    throw new WasmFunctionException($"Function '{Name}' returned TEXT with no terminating 0 byte.");
                }

                Span<byte> rest = memory.GetSpan(start, (int)Math.Min(length - start, int.MaxValue));
                int end = rest.IndexOf((byte)0);
                return end < 0
                    ? throw new WasmFunctionException($"Function '{Name}' returned TEXT with no terminating 0 byte.")
                    : Encoding.UTF8.GetString(rest[..end]);
            case BlobTag:
                if (address + 5 > length)
                {
                    throw Outside(address);
                }

                uint size = BinaryPrimitives.ReadUInt32BigEndian(memory.GetSpan(address + 1, 4));
                return address + 5 + size > length
                    ? throw Outside(address)
                    : memory.GetSpan(address + 5, (int)size).ToArray();
            default:
                throw new WasmFunctionException($"Function '{Name}' returned a value tagged {tag}; libSQL's tags are 3 (TEXT), 4 (BLOB) and 5 (NULL).");
        }
    }

    private int Allocate(int size)
    {
        int address = _malloc!(size);
        if (address <= 0 || address + (long)size > _memory!.GetLength())
        {
            throw new WasmFunctionException($"{MallocExport} of function '{Name}' returned {address} for {size} bytes, which is outside its memory.");
        }

        return address;
    }

    private WasmFunctionException Outside(long address) =>
        new($"Function '{Name}' returned a pointer ({address}) to a value outside its memory.");

    private WasmFunctionException Mismatch(object? argument, int position, ValueKind parameter)
    {
        string given = argument switch { null or DBNull => "NULL", long => "INTEGER", double => "REAL", string => "TEXT", byte[] => "BLOB", _ => argument.GetType().Name };
        return new WasmFunctionException($"Function '{Name}' argument {position} is {given}, but its parameter is {WasmValueTypes.Name(parameter)}: INTEGER needs i64, REAL f64, TEXT/BLOB/NULL i32.");
    }
}
