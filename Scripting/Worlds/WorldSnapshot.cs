using System.Globalization;

namespace WasGo.Scripting;

/// <summary>
/// What a <see cref="World"/> needs to go on exactly from a tick that is a positive multiple of
/// <see cref="World.SnapshotInterval"/> (<see cref="World.CaptureSnapshot"/>,
/// <see cref="World.Restore"/>): its clock, every entity's module, state and availability, the
/// messages waiting in order, the running timers, and the budgets' counts that carry from tick to
/// tick. Not its instances' memory: the step after such a tick gives every entity a fresh instance,
/// in the live world and in a restored one alike, so a world can be recovered without replaying
/// every tick since tick 0.
/// </summary>
/// <remarks>Immutable, and so safe to use from any thread.</remarks>
public sealed class WorldSnapshot
{
    /// <summary>The journal manifest of snapshots; <see cref="Encode"/>'s bytes begin with it too.</summary>
    public const string Manifest = "wasgo-world-snapshot-v1";

    internal WorldSnapshot(
        string worldId,
        long tick,
        double tickRate,
        double timeBase,
        long tickBase,
        IReadOnlyList<EntitySnapshot> entities,
        IReadOnlyList<Delivery> deliveries,
        IReadOnlyList<PendingTimer> timers,
        IReadOnlyList<(string Sender, int Count)> undelivered,
        IReadOnlyList<(string EntityId, long[] TimerIds)> runningTimers)
    {
        WorldId = worldId;
        Tick = tick;
        TickRate = tickRate;
        TimeBase = timeBase;
        TickBase = tickBase;
        Entities = entities;
        Deliveries = deliveries;
        Timers = timers;
        Undelivered = undelivered;
        RunningTimers = runningTimers;
        ModuleHashes = [.. entities.Where(static e => e.Unavailable is null).Select(static e => e.ModuleHash).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Gets the tick the world had completed, a positive multiple of <see cref="World.SnapshotInterval"/>.</summary>
    public long Tick { get; }

    /// <summary>
    /// Gets the content hashes of the modules <see cref="World.Restore"/> needs, in ordinal order: those
    /// of the entities that can run (one that cannot never runs again). Load them before restoring.
    /// </summary>
    public IReadOnlyCollection<string> ModuleHashes { get; }

    internal string WorldId { get; }

    /// <summary>Gets the world's tick rate, which inputs may have changed from its options'.</summary>
    internal double TickRate { get; }

    /// <summary>Gets the world's time at its last change of tick rate.</summary>
    internal double TimeBase { get; }

    /// <summary>Gets the tick of its last change of tick rate.</summary>
    internal long TickBase { get; }

    /// <summary>Gets the entities, in id order.</summary>
    internal IReadOnlyList<EntitySnapshot> Entities { get; }

    /// <summary>Gets the messages waiting for delivery, first in line first.</summary>
    internal IReadOnlyList<Delivery> Deliveries { get; }

    /// <summary>Gets the running timers, in the order they fire.</summary>
    internal IReadOnlyList<PendingTimer> Timers { get; }

    /// <summary>Gets, for the message budgets, how many undelivered messages each sender has, by sender id.</summary>
    internal IReadOnlyList<(string Sender, int Count)> Undelivered { get; }

    /// <summary>Gets, for the timer budget, the ids of each entity's running timers, by entity id, each in order.</summary>
    internal IReadOnlyList<(string EntityId, long[] TimerIds)> RunningTimers { get; }

    /// <summary>
    /// Encodes the snapshot, little-endian, with strings and values as state rows and recorded ticks
    /// write them (floats as their exact bits): the manifest, the world id, the tick, the tick rate,
    /// the time and tick of the last change of rate, then the entities (each with its state row's
    /// encoding), the waiting messages, the timers, the undelivered counts and the running timer ids,
    /// each a count and its items.
    /// </summary>
    /// <returns>The bytes; the same snapshot always gives the same bytes.</returns>
    public byte[] Encode()
    {
        var output = new List<byte>();
        ScriptValueCodec.WriteString(output, Manifest);
        ScriptValueCodec.WriteString(output, WorldId);
        ScriptValueCodec.WriteInt64(output, Tick);
        ScriptValueCodec.WriteFloat64(output, TickRate);
        ScriptValueCodec.WriteFloat64(output, TimeBase);
        ScriptValueCodec.WriteInt64(output, TickBase);
        WriteAll(output, Entities, static (o, entity) => entity.WriteTo(o));
        WriteAll(output, Deliveries, static (o, delivery) => delivery.WriteTo(o));
        WriteAll(output, Timers, static (o, timer) => timer.WriteTo(o));
        WriteAll(output, Undelivered, static (o, sender) =>
        {
            ScriptValueCodec.WriteString(o, sender.Sender);
            ScriptValueCodec.WriteLength(o, sender.Count);
        });
        WriteAll(output, RunningTimers, static (o, entity) =>
        {
            ScriptValueCodec.WriteString(o, entity.EntityId);
            WriteAll(o, entity.TimerIds, ScriptValueCodec.WriteInt64);
        });
        return [.. output];
    }

    /// <summary>Reads a snapshot back.</summary>
    /// <param name="bytes">What <see cref="Encode"/> made.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="FormatException">The bytes are not a snapshot of this format: truncated, of another format, or inconsistent.</exception>
    public static WorldSnapshot Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            int at = 0;
            if (ScriptValueCodec.ReadString(bytes, ref at) != Manifest)
            {
                throw new FormatException($"The bytes are not a world snapshot of format {Manifest}.");
            }

            string worldId = ScriptValueCodec.ReadString(bytes, ref at);
            long tick = ScriptValueCodec.ReadInt64(bytes, ref at);
            double tickRate = ScriptValueCodec.ReadFloat64(bytes, ref at);
            double timeBase = ScriptValueCodec.ReadFloat64(bytes, ref at);
            long tickBase = ScriptValueCodec.ReadInt64(bytes, ref at);
            if (tick <= 0 || tick % World.SnapshotInterval != 0 || !WorldOptions.IsAllowedTickRate(tickRate))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"A world snapshot is at tick {tick} with tick rate {tickRate:R}; its tick must be a positive multiple of {World.SnapshotInterval} and its rate from {WorldOptions.MinTickRate} to {WorldOptions.MaxTickRate}."));
            }

            List<EntitySnapshot> entities = ReadAll(bytes, ref at, EntitySnapshot.ReadFrom);
            for (int i = 1; i < entities.Count; i++)
            {
                if (string.CompareOrdinal(entities[i - 1].EntityId, entities[i].EntityId) >= 0)
                {
                    throw new FormatException($"The entities of a world snapshot are not in id order, or one is there twice: '{entities[i - 1].EntityId}' comes before '{entities[i].EntityId}'.");
                }
            }

            List<Delivery> deliveries = ReadAll(bytes, ref at, Delivery.ReadFrom);
            List<PendingTimer> timers = ReadAll(bytes, ref at, PendingTimer.ReadFrom);
            List<(string, int)> undelivered = ReadAll(bytes, ref at, static (ReadOnlySpan<byte> input, ref int at) =>
                (ScriptValueCodec.ReadString(input, ref at), ScriptValueCodec.ReadLength(input, ref at)));
            List<(string, long[])> runningTimers = ReadAll(bytes, ref at, static (ReadOnlySpan<byte> input, ref int at) =>
                (ScriptValueCodec.ReadString(input, ref at), ReadAll(input, ref at, ScriptValueCodec.ReadInt64).ToArray()));
            return at == bytes.Length
                ? new WorldSnapshot(worldId, tick, tickRate, timeBase, tickBase, entities, deliveries, timers, undelivered, runningTimers)
                : throw new FormatException($"A world snapshot has {bytes.Length - at} bytes after its end.");
        }
        catch (Exception truncated) when (truncated is IndexOutOfRangeException or ArgumentException)
        {
            throw new FormatException("The world snapshot is truncated or malformed: a length or count in it runs past its end.", truncated);
        }
    }

    private static void WriteAll<T>(List<byte> output, IReadOnlyList<T> items, Action<List<byte>, T> write)
    {
        ScriptValueCodec.WriteLength(output, items.Count);
        foreach (T item in items)
        {
            write(output, item);
        }
    }

    private static List<T> ReadAll<T>(ReadOnlySpan<byte> input, ref int at, Reader<T> read)
    {
        // Not sized by the count read: every item takes bytes, so a false count runs out of them first.
        int count = ScriptValueCodec.ReadLength(input, ref at);
        var items = new List<T>();
        for (int i = 0; i < count; i++)
        {
            items.Add(read(input, ref at));
        }

        return items;
    }

    private delegate T Reader<out T>(ReadOnlySpan<byte> input, ref int at);
}
