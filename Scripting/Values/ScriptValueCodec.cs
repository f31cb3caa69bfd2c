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
        output.Add((byte)value.Kind);
        Span<byte> number = stackalloc byte[8];
        switch (value.Kind)
        {
            case ScriptValueKind.Integer:
                BinaryPrimitives.WriteInt64LittleEndian(number, value.AsInteger());
                output.AddRange(number);
                break;
            case ScriptValueKind.Float:
                BinaryPrimitives.WriteInt64LittleEndian(number, BitConverter.DoubleToInt64Bits(value.AsFloat()));
                output.AddRange(number);
                break;
            case ScriptValueKind.String or ScriptValueKind.Bytes:
                WriteLength(output, value.Length);
                output.AddRange(value.AsSpan());
                break;
        }
    }

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
