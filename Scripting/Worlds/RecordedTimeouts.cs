using System.Buffers.Binary;

namespace WasGo.Scripting;

/// <summary>
/// The calls of one tick that the wall clock stopped (<see cref="TickResult.TimedOutCalls"/>), as
/// recorded in the world's journal before anyone is told of them, so that a replay stops the same
/// calls rather than letting a clock decide again.
/// </summary>
/// <param name="Tick">The tick.</param>
/// <param name="Calls">The stopped calls' numbers in the tick, in order.</param>
public sealed record RecordedTimeouts(long Tick, IReadOnlyList<int> Calls)
{
    /// <summary>The journal manifest of these records.</summary>
    public const string Manifest = "wasgo-timeouts-v1";

    /// <summary>Encodes the record: the tick, the count, then each call's number (little-endian).</summary>
    /// <returns>The bytes.</returns>
    public byte[] Encode()
    {
        var bytes = new byte[12 + (4 * Calls.Count)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, Tick);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), Calls.Count);
        for (int i = 0; i < Calls.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12 + (4 * i)), Calls[i]);
        }

        return bytes;
    }

    /// <summary>Reads a record back.</summary>
    /// <param name="bytes">What <see cref="Encode"/> made.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">The bytes are not such a record.</exception>
    public static RecordedTimeouts Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) is var count && (count < 0 || bytes.Length != 12 + (4L * count)))
        {
            throw new FormatException($"A record of timed-out calls has {bytes.Length} bytes, which is not 12 plus 4 per call.");
        }

        var calls = new int[count];
        for (int i = 0; i < count; i++)
        {
            calls[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(12 + (4 * i))..]);
        }

        return new RecordedTimeouts(BinaryPrimitives.ReadInt64LittleEndian(bytes), calls);
    }
}
