using System.Buffers.Binary;
using System.Text;

namespace WasGo.Scripting;

/// <summary>
/// The binary form of values and strings shared by state rows, recorded world inputs and world
/// snapshots: a tag byte, then 8 little-endian bytes for numbers or a 4-byte length and the bytes.
/// </summary>
internal static class ScriptValueCodec
{
    public static void Write(List<byte> output, ScriptValue value)
    {
        int start = output.Count;
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(output, start + SizeOf(value));
        Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(output)[start..], value);
    }

    /// <summary>Writes a value at the start of <paramref name="output"/>, which holds at least <see cref="SizeOf"/> bytes.</summary>
    /// <returns>The bytes written.</returns>
    public static int Write(Span<byte> output, ScriptValue value)
    {
        output[0] = (byte)value.Kind;
        switch (value.Kind)
        {
            case ScriptValueKind.Integer:
                BinaryPrimitives.WriteInt64LittleEndian(output[1..], value.AsInteger());
                break;
            case ScriptValueKind.Float:
                BinaryPrimitives.WriteInt64LittleEndian(output[1..], BitConverter.DoubleToInt64Bits(value.AsFloat()));
                break;
            case ScriptValueKind.String or ScriptValueKind.Bytes:
                BinaryPrimitives.WriteInt32LittleEndian(output[1..], value.Length);
                value.AsSpan().CopyTo(output[5..]);
                break;
        }

        return SizeOf(value);
    }

    /// <summary>The size of a value's encoding: the tag, then 8 bytes for a number or a 4-byte length and the bytes.</summary>
    public static int SizeOf(ScriptValue value) => 1 + value.Kind switch
    {
        ScriptValueKind.Integer or ScriptValueKind.Float => 8,
        ScriptValueKind.Nil => 0,
        _ => 4 + value.Length,
    };

    public static ScriptValue Read(ReadOnlySpan<byte> input, ref int at)
    {
        var kind = (ScriptValueKind)input[at++];
        switch (kind)
        {
            case ScriptValueKind.Nil:
                return ScriptValue.Nil;
            case ScriptValueKind.Integer:
                return ScriptValue.FromInteger(ReadInt64(input, ref at));
            case ScriptValueKind.Float:
                return ScriptValue.FromFloat(ReadFloat64(input, ref at));
            case ScriptValueKind.String or ScriptValueKind.Bytes:
                int length = ReadLength(input, ref at);
                ReadOnlySpan<byte> payload = input.Slice(at, length);
                at += length;
                return kind == ScriptValueKind.String ? ScriptValue.FromUtf8(payload) : ScriptValue.FromBytes(payload);
            default:
                throw new FormatException($"Unknown value tag {(int)kind}.");
        }
    }

    public static void WriteString(List<byte> output, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        WriteLength(output, bytes.Length);
        output.AddRange(bytes);
    }

    public static string ReadString(ReadOnlySpan<byte> input, ref int at)
    {
        int length = ReadLength(input, ref at);
        string text = Encoding.UTF8.GetString(input.Slice(at, length));
        at += length;
        return text;
    }

    public static void WriteLength(List<byte> output, int length)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
        output.AddRange(bytes);
    }

    public static int ReadLength(ReadOnlySpan<byte> input, ref int at)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(input[at..]);
        at += 4;
        return length < 0 ? throw new FormatException("A negative length.") : length;
    }

    public static void WriteInt64(List<byte> output, long value)
    {
        int start = output.Count;
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(output, start + 8);
        BinaryPrimitives.WriteInt64LittleEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(output)[start..], value);
    }

    public static long ReadInt64(ReadOnlySpan<byte> input, ref int at)
    {
        at += 8;
        return BinaryPrimitives.ReadInt64LittleEndian(input[(at - 8)..]);
    }

    /// <summary>Writes a float as its exact bits, as a float value's payload is.</summary>
    public static void WriteFloat64(List<byte> output, double value) => WriteInt64(output, BitConverter.DoubleToInt64Bits(value));

    public static double ReadFloat64(ReadOnlySpan<byte> input, ref int at) => BitConverter.Int64BitsToDouble(ReadInt64(input, ref at));
}
