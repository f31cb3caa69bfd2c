using System.Buffers.Binary;
using System.Text;

namespace WasGo.Scripting;

/// <summary>
/// The calls of one tick that the wall clock stopped (<see cref="TickResult.TimedOutCalls"/>), as
/// recorded in the world's journal before anyone is told of them, so that a replay stops the same
/// calls rather than letting a clock decide again.
/// </summary>
/// <param name="Tick">The tick.</param>
/// <param name="Calls">The stopped calls, by entity and number in the entity's tick.</param>
public sealed record RecordedTimeouts(long Tick, IReadOnlyList<TimedOutCall> Calls)
{
    /// <summary>
    /// The journal manifest of these records. Version 2 numbers calls per entity, since entities of
    /// a tick run in parallel; version 1 numbered them in the whole tick and is not read.
    /// </summary>
    public const string Manifest = "wasgo-timeouts-v2";

    /// <summary>Encodes the record: the tick, the count, then each call's entity id (length and UTF-8) and number, little-endian.</summary>
    /// <returns>The bytes.</returns>
    public byte[] Encode()
    {
        using var bytes = new MemoryStream();
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(number, Tick);
        bytes.Write(number);
        BinaryPrimitives.WriteInt32LittleEndian(number, Calls.Count);
        bytes.Write(number[..4]);
        foreach (TimedOutCall call in Calls)
        {
            byte[] id = Encoding.UTF8.GetBytes(call.EntityId);
            BinaryPrimitives.WriteInt32LittleEndian(number, id.Length);
            bytes.Write(number[..4]);
            bytes.Write(id);
            BinaryPrimitives.WriteInt32LittleEndian(number, call.Call);
            bytes.Write(number[..4]);
        }

        return bytes.ToArray();
    }

    /// <summary>Reads a record back.</summary>
    /// <param name="bytes">What <see cref="Encode"/> made.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">The bytes are not such a record.</exception>
    public static RecordedTimeouts Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) is var count && count < 0)
        {
            throw Malformed(bytes.Length);
        }

        long tick = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var calls = new List<TimedOutCall>(Math.Min(count, bytes.Length / 8));
        int at = 12;
        for (int i = 0; i < count; i++)
        {
            int length = at + 4 <= bytes.Length ? BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]) : -1;
            if (length < 0 || (long)at + 4 + length + 4 > bytes.Length)
            {
                throw Malformed(bytes.Length);
            }

            string entityId = Encoding.UTF8.GetString(bytes.Slice(at + 4, length));
            calls.Add(new TimedOutCall(entityId, BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 4 + length)..])));
            at += 8 + length;
        }

        return at == bytes.Length ? new RecordedTimeouts(tick, calls) : throw Malformed(bytes.Length);
    }

    private static FormatException Malformed(int length) =>
        new($"A record of timed-out calls of {length} bytes is not a tick, a count and that many entity ids and call numbers.");
}
