using System.Buffers.Binary;

namespace WasGo.Scripting;

/// <summary>
/// The tick a world resumes at after a restart. A running world records one ahead of its clock
/// before it gets there, so that after a crash it resumes at or after every tick it had shown and
/// its clock never goes back; a world that stops cleanly records the tick it stopped at. The ticks
/// it replays beyond its last recorded input had no inputs, so they come out as they would have.
/// </summary>
/// <param name="Tick">The tick to resume at.</param>
public sealed record RecordedProgress(long Tick)
{
    /// <summary>The journal manifest of these records.</summary>
    public const string Manifest = "wasgo-progress-v1";

    /// <summary>Encodes the record: the tick, little-endian.</summary>
    /// <returns>The bytes.</returns>
    public byte[] Encode()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, Tick);
        return bytes;
    }

    /// <summary>Reads a record back.</summary>
    /// <param name="bytes">What <see cref="Encode"/> made.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">The bytes are not such a record.</exception>
    public static RecordedProgress Decode(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 8 ? new RecordedProgress(BinaryPrimitives.ReadInt64LittleEndian(bytes)) : throw new FormatException($"A progress record has {bytes.Length} bytes; it must have 8.");
}
