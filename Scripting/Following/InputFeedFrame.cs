using System.Text;

namespace WasGo.Scripting;

/// <summary>
/// One message of a world's input feed: first an <see cref="InputFeedStart"/>, then an
/// <see cref="InputFeedTick"/> for every tick the world runs. Binary, little-endian; the first byte
/// names the kind and its version, so that a follower refuses a form it does not know instead of
/// misreading it.
/// </summary>
public abstract record InputFeedFrame
{
    /// <summary>The first byte of a start frame, version 1.</summary>
    internal const byte StartKind = 0x53;

    /// <summary>The first byte of a tick frame, version 1.</summary>
    internal const byte TickKind = 0x54;

    /// <summary>The size of a world digest (SHA-256).</summary>
    internal const int DigestSize = 32;

    /// <summary>Reads a frame.</summary>
    /// <param name="bytes">What <see cref="Encode"/> made.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="FormatException">The bytes are not a frame of a kind and version this library reads.</exception>
    public static InputFeedFrame Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new FormatException("An input feed frame is empty.");
        }

        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            InputFeedFrame frame = reader.ReadByte() switch
            {
                StartKind => InputFeedStart.Read(reader),
                TickKind => InputFeedTick.Read(reader),
                byte kind => throw new FormatException($"The input feed frame kind 0x{kind:x2} is not one this library reads (start 0x{StartKind:x2}, tick 0x{TickKind:x2}); a newer host needs a newer client."),
            };
            return stream.Position == stream.Length ? frame : throw new FormatException($"An input feed frame has {stream.Length - stream.Position} bytes after its end.");
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or OverflowException)
        {
            throw new FormatException($"An input feed frame of {bytes.Length} bytes is malformed: {e.Message}", e);
        }
    }

    /// <summary>Reads the tick of an encoded frame without decoding the rest: a tick frame's tick, or the tick a start frame's world was at.</summary>
    /// <param name="frame">What <see cref="Encode"/> made.</param>
    /// <returns>The tick.</returns>
    /// <exception cref="FormatException">The bytes are not a frame.</exception>
    public static long TickOf(ReadOnlySpan<byte> frame) => frame switch
    {
        [TickKind, ..] when frame.Length >= 9 => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(frame[1..]),
        [StartKind, ..] when frame.Length >= 1 + 8 + DigestSize => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(frame[^(8 + DigestSize)..]),
        _ => throw new FormatException("The bytes are not an input feed frame."),
    };

    /// <summary>Writes the frame.</summary>
    /// <returns>Its bytes.</returns>
    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            Write(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Writes the frame, its kind first.</summary>
    /// <param name="writer">Where to.</param>
    internal abstract void Write(BinaryWriter writer);

    /// <summary>Writes a length and the bytes, or a zero length for none.</summary>
    internal static void WriteBlock(BinaryWriter writer, byte[]? block)
    {
        writer.Write(block?.Length ?? 0);
        if (block is not null)
        {
            writer.Write(block);
        }
    }

    /// <summary>Reads what <see cref="WriteBlock"/> wrote; null for none.</summary>
    internal static byte[]? ReadBlock(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new FormatException($"A block of {length} bytes does not fit in the frame.");
        }

        return length == 0 ? null : reader.ReadBytes(length);
    }
}
