using System;
using System.Text;

namespace WasGo.Wasm.Decoding;

/// <summary>Reads the primitive encodings of the binary format (LEB128, bytes, names) with bounds checks.</summary>
internal sealed class BinaryReader(byte[] bytes)
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] _bytes = bytes;

    public int Position { get; set; }

    /// <summary>The end of the region being read (a section or body); reads past it are malformed.</summary>
    public int Limit { get; set; } = bytes.Length;

    public int Remaining => Limit - Position;

    public bool AtEnd => Position >= Limit;

    public MalformedModuleException Error(string message) => new(message, Position);

    public static MalformedModuleException ErrorAt(string message, int position) => new(message, position);

    public byte ReadByte()
    {
        if (Position >= Limit)
        {
            throw Error(Limit < _bytes.Length ? "unexpected end of section or function" : "unexpected end");
        }

        return _bytes[Position++];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error(Limit < _bytes.Length ? "unexpected end of section or function" : "unexpected end");
        }

        var span = _bytes.AsSpan(Position, count);
        Position += count;
        return span;
    }

    public uint ReadU32()
    {
        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    throw Error("integer representation too long");
                }

                if ((b & 0x70) != 0)
                {
                    throw Error("integer too large");
                }

                return result | ((uint)b << 28);
            }

            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    /// <summary>Reads a u32 used as a count or index that must fit in an int.</summary>
    public int ReadIndex()
    {
        var value = ReadU32();
        return value > int.MaxValue ? int.MaxValue : (int)value;
    }

    /// <summary>Reads a count of items that each take at least one byte, so it cannot exceed what remains.</summary>
    public int ReadCount()
    {
        var start = Position;
        var value = ReadU32();
        if (value > (uint)Remaining)
        {
            throw ErrorAt(Limit < _bytes.Length ? "unexpected end of section or function" : "unexpected end", start);
        }

        return (int)value;
    }

    public int ReadS32()
    {
        int result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    throw Error("integer representation too long");
                }

                // The unused bits must be a sign extension of bit 3.
                var high = b & 0x78;
                if (high != 0 && high != 0x78)
                {
                    throw Error("integer too large");
                }

                return result | (b << 28);
            }

            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (shift < 25 && (b & 0x40) != 0)
                {
                    result |= -1 << (shift + 7);
                }

                return result;
            }
        }
    }

    public long ReadS64()
    {
        long result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63)
            {
                if ((b & 0x80) != 0)
                {
                    throw Error("integer representation too long");
                }

                if (b != 0 && b != 0x7F)
                {
                    throw Error("integer too large");
                }

                return result | ((long)b << 63);
            }

            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (shift < 57 && (b & 0x40) != 0)
                {
                    result |= -1L << (shift + 7);
                }

                return result;
            }
        }
    }

    /// <summary>Reads a signed 33-bit integer (block types).</summary>
    public long ReadS33()
    {
        long result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28)
            {
                if ((b & 0x80) != 0)
                {
                    throw Error("integer representation too long");
                }

                var high = b & 0x70;
                if (high != 0 && high != 0x70)
                {
                    throw Error("integer too large");
                }

                if ((b & 0x10) != 0 ? (b & 0x60) != 0x60 : (b & 0x60) != 0)
                {
                    throw Error("integer too large");
                }

                result |= (long)(b & 0x7F) << 28;
                if ((b & 0x10) != 0)
                {
                    result |= -1L << 33;
                }

                return result;
            }

            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if ((b & 0x40) != 0)
                {
                    result |= -1L << (shift + 7);
                }

                return result;
            }
        }
    }

    public uint ReadFixed32()
    {
        var span = ReadBytes(4);
        return BitConverter.ToUInt32(span);
    }

    public ulong ReadFixed64()
    {
        var span = ReadBytes(8);
        return BitConverter.ToUInt64(span);
    }

    public string ReadName()
    {
        var length = ReadCount();
        var start = Position;
        var span = ReadBytes(length);
        try
        {
            return s_strictUtf8.GetString(span);
        }
        catch (ArgumentException)
        {
            throw ErrorAt("malformed UTF-8 encoding", start);
        }
    }
}
