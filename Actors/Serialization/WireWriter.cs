using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using WasGo.Scripting;

namespace WasGo.Actors.Serialization;

/// <summary>
/// Writes a world message into an array sized beforehand by the <c>SizeOf</c> methods, so that a
/// message costs one allocation: the array Akka sends. Numbers are little-endian; a string is a
/// 4-byte length and its UTF-8; a value is as <see cref="ScriptValueCodec"/> writes it, bit for bit.
/// </summary>
internal ref struct WireWriter
{
    /// <summary>The size of a byte or a flag.</summary>
    public const int ByteSize = 1;

    /// <summary>The size of a count or a 32-bit number.</summary>
    public const int Int32Size = 4;

    /// <summary>The size of a 64-bit number or a float.</summary>
    public const int Int64Size = 8;

    private readonly Span<byte> _output;
    private int _at;

    /// <summary>Initializes a writer at the start of <paramref name="output"/>.</summary>
    /// <param name="output">Exactly as many bytes as the message needs.</param>
    public WireWriter(Span<byte> output) => _output = output;

    /// <summary>Gets the bytes written so far.</summary>
    public readonly int Written => _at;

    /// <summary>The size of a string: its length and its UTF-8.</summary>
    public static int SizeOf(string text) => Int32Size + Encoding.UTF8.GetByteCount(text);

    /// <summary>The size of a value.</summary>
    public static int SizeOf(ScriptValue value) => ScriptValueCodec.SizeOf(value);

    /// <summary>The size of a list of values: the count, then each value.</summary>
    public static int SizeOf(IReadOnlyList<ScriptValue> values)
    {
        int size = Int32Size;
        for (int i = 0; i < values.Count; i++)
        {
            size += ScriptValueCodec.SizeOf(values[i]);
        }

        return size;
    }

    public void WriteByte(byte value) => _output[_at++] = value;

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_output[_at..], value);
        _at += Int32Size;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output[_at..], value);
        _at += Int64Size;
    }

    /// <summary>Writes a float as its raw bits, so that NaN payloads and -0.0 arrive as sent.</summary>
    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    public void WriteString(string text)
    {
        int length = Encoding.UTF8.GetBytes(text, _output[(_at + Int32Size)..]);
        BinaryPrimitives.WriteInt32LittleEndian(_output[_at..], length);
        _at += Int32Size + length;
    }

    /// <summary>The size of a run of bytes: its length, then the bytes.</summary>
    public static int SizeOf(ReadOnlySpan<byte> bytes) => Int32Size + bytes.Length;

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteInt32(bytes.Length);
        bytes.CopyTo(_output[_at..]);
        _at += bytes.Length;
    }

    public void WriteValue(ScriptValue value) => _at += ScriptValueCodec.Write(_output[_at..], value);

    public void WriteValues(IReadOnlyList<ScriptValue> values)
    {
        WriteInt32(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            WriteValue(values[i]);
        }
    }

    /// <summary>Checks that the message filled its array exactly: a format whose size and writing disagree is a bug.</summary>
    [Conditional("DEBUG")]
    public readonly void AssertFull() => Debug.Assert(_at == _output.Length, $"A world message wrote {_at} bytes into the {_output.Length} its format's SizeOf gave.");
}
