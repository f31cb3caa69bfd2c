using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;
using WasGo.Scripting;

namespace WasGo.Actors.Serialization;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote, checking every length against the bytes that are
/// left: bytes that are not a message of the manifest they came with (truncated, a negative or
/// oversized count, a bad tag) throw a <see cref="SerializationException"/> that names both, never
/// an <see cref="IndexOutOfRangeException"/> from deep inside, and never allocate more than the
/// bytes could hold.
/// </summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _input;
    private readonly string _manifest;
    private int _at;

    /// <summary>Initializes a reader at the start of a message.</summary>
    /// <param name="input">The message's bytes.</param>
    /// <param name="manifest">Its manifest, for the messages of errors.</param>
    public WireReader(ReadOnlySpan<byte> input, string manifest)
    {
        _input = input;
        _manifest = manifest;
    }

    private readonly int Left => _input.Length - _at;

    public byte ReadByte() => Take(WireWriter.ByteSize)[0];

    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw Malformed($"a flag at byte {_at - 1} is {other}, not 0 or 1"),
    };

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(WireWriter.Int32Size));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(WireWriter.Int64Size));

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>Reads the count of a list whose elements take at least <paramref name="elementSize"/> bytes each.</summary>
    /// <remarks>A count the remaining bytes cannot hold is malformed: checking it here keeps a few bad bytes from allocating gigabytes.</remarks>
    public int ReadCount(int elementSize)
    {
        int count = ReadInt32();
        return count >= 0 && (long)count * elementSize <= Left
            ? count
            : throw Malformed($"a count at byte {_at - WireWriter.Int32Size} is {count}, but {Left} bytes are left for its elements of at least {elementSize} bytes each");
    }

    public string ReadString()
    {
        int length = ReadCount(WireWriter.ByteSize);
        return Encoding.UTF8.GetString(Take(length));
    }

    public ReadOnlySpan<byte> ReadBytes() => Take(ReadCount(WireWriter.ByteSize));

    public ScriptValue ReadValue()
    {
        int start = _at;
        try
        {
            return ScriptValueCodec.Read(_input, ref _at);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            // The codec is the journal's and trusts its input: past the end its slices throw
            // ArgumentOutOfRangeException and its tag read IndexOutOfRangeException.
            throw Malformed($"the value at byte {start} is not one ({e.Message})", e);
        }
    }

    public ScriptValue[] ReadValues()
    {
        // The smallest value is nil: its tag alone.
        var values = new ScriptValue[ReadCount(WireWriter.ByteSize)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ReadValue();
        }

        return values;
    }

    /// <summary>Checks that the message ends where its bytes do.</summary>
    public readonly void ReadEnd()
    {
        if (Left != 0)
        {
            throw Malformed($"{Left} bytes follow its end at byte {_at}");
        }
    }

    /// <summary>Makes the exception for bytes that are not a message of this manifest.</summary>
    /// <param name="problem">What is wrong, as a clause.</param>
    /// <param name="inner">What the problem was found by, if anything.</param>
    public readonly SerializationException Malformed(string problem, Exception? inner = null) =>
        new($"A world message with manifest '{_manifest}' of {_input.Length} bytes is malformed: {problem}.", inner);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Left)
        {
            throw Malformed($"{count} bytes are wanted at byte {_at}, but only {Left} are left");
        }

        ReadOnlySpan<byte> taken = _input.Slice(_at, count);
        _at += count;
        return taken;
    }
}
