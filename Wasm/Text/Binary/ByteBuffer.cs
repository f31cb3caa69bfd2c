using System;

namespace WasGo.Wasm.Text.Binary;

/// <summary>A growable byte array with the LEB128 writers of the binary format.</summary>
internal sealed class ByteBuffer
{
    private byte[] _bytes = new byte[64];

    /// <summary>The number of bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    /// <summary>Forgets everything written.</summary>
    public void Clear() => Length = 0;

    /// <summary>Cuts the buffer back to <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = Math.Min(Length, length);

    /// <summary>Appends one byte.</summary>
    public void WriteByte(byte value)
    {
        Reserve(1);
        _bytes[Length++] = value;
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> value)
    {
        Reserve(value.Length);
        value.CopyTo(_bytes.AsSpan(Length));
        Length += value.Length;
    }

    /// <summary>Appends an unsigned LEB128 number.</summary>
    public void WriteU32(uint value) => WriteU64(value);

    /// <summary>Appends an unsigned LEB128 number.</summary>
    public void WriteU64(ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0)
            {
                b |= 0x80;
            }

            WriteByte(b);
        }
        while (value != 0);
    }

    /// <summary>Appends a signed LEB128 number.</summary>
    public void WriteS64(long value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0))
            {
                WriteByte(b);
                return;
            }

            WriteByte((byte)(b | 0x80));
        }
    }

    /// <summary>Appends a little-endian 32-bit value.</summary>
    public void WriteFixed32(uint value)
    {
        for (var i = 0; i < 4; i++)
        {
            WriteByte((byte)(value >> (8 * i)));
        }
    }

    /// <summary>Appends a little-endian 64-bit value.</summary>
    public void WriteFixed64(ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            WriteByte((byte)(value >> (8 * i)));
        }
    }

    /// <summary>Appends a name or byte string: its length then its bytes.</summary>
    public void WriteVector(ReadOnlySpan<byte> value)
    {
        WriteU32((uint)value.Length);
        Write(value);
    }

    /// <summary>A copy of the bytes written.</summary>
    public byte[] ToArray() => Span.ToArray();

    private void Reserve(int count)
    {
        if (Length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        }
    }
}
