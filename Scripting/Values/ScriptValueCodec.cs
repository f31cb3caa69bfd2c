using System.Buffers.Binary;
using System.Text;

namespace WasGo.Scripting;

/// <summary>
/// The binary form of values and strings shared by state rows and recorded world inputs:
/// a tag byte, then 8 little-endian bytes for numbers or a 4-byte length and the bytes.
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
                at += 8;
                return ScriptValue.FromInteger(BinaryPrimitives.ReadInt64LittleEndian(input[(at - 8)..]));
            case ScriptValueKind.Float:
                at += 8;
                return ScriptValue.FromFloat(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(input[(at - 8)..])));
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
}
