namespace WasGo.Scripting;

/// <summary>
/// The first message of a world's input feed: how to step the world (<see cref="Settings"/>), the
/// state it stepped from (<see cref="Base"/>: its newest snapshot, or nothing for a world that began
/// at tick 0 and has had none yet), every tick since <see cref="HistoryFrom"/> that applied inputs
/// or had calls stopped, and where the world is now. A follower that steps the base through those
/// ticks up to <see cref="Tick"/> must reach <see cref="Digest"/>; so must a follower that was at a
/// tick from <see cref="HistoryFrom"/> on (the feed started again: it asked from its tick) and steps
/// its own world through them. Tick frames follow from the next tick on.
/// </summary>
/// <param name="Settings">How the host steps the world.</param>
/// <param name="Base">The world's newest snapshot, or null: the empty world at tick 0.</param>
/// <param name="HistoryFrom">The tick after which <paramref name="Since"/> has every recorded tick: the base's, or earlier for a follower that asked from an earlier tick.</param>
/// <param name="Since">The recorded ticks after <paramref name="HistoryFrom"/>, up to <paramref name="Tick"/>, in order.</param>
/// <param name="Tick">The world's tick now.</param>
/// <param name="Digest">Its digest now.</param>
public sealed record InputFeedStart(InputFeedSettings Settings, WorldSnapshot? Base, long HistoryFrom, IReadOnlyList<InputFeedTick> Since, long Tick, byte[] Digest) : InputFeedFrame
{
    /// <summary>Gets the tick the base is at.</summary>
    public long BaseTick => Base?.Tick ?? 0;

    /// <summary>Gets the content hashes of the modules a follower needs to reach <see cref="Tick"/>: the base's and those spawned since, in ordinal order.</summary>
    public IReadOnlyList<string> ModuleHashes =>
        [.. (Base?.ModuleHashes ?? []).Concat(Since.SelectMany(t => t.Inputs).OfType<SpawnInput>().Select(s => s.ModuleHash)).Distinct().Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    internal override void Write(BinaryWriter writer)
    {
        writer.Write(StartKind);
        InputFeedSettings s = Settings;
        writer.Write(s.WorldId);
        writer.Write(s.TickRate);
        writer.Write(s.RandomSeed);
        writer.Write(s.MaxMessagesPerTick);
        writer.Write(s.MaxMessagesPerEntityPerTick);
        writer.Write(s.MaxPendingMessages);
        writer.Write(s.MaxPendingMessagesPerEntity);
        writer.Write(s.MaxTimersPerEntity);
        writer.Write(s.MaxSignalBytesPerTick);
        writer.Write(s.MaxSignalBytesPerEntityPerTick);
        writer.Write(s.MaxHostBytesPerCall);
        writer.Write(s.FuelPerCall);
        writer.Write(s.MaxMemoryPages);
        writer.Write(s.MaxTableElements);
        writer.Write(s.MaxStackBytes);
        writer.Write(s.NaNCanonicalization);
        WriteBlock(writer, Base?.Encode());
        writer.Write(HistoryFrom);
        writer.Write(Since.Count);
        foreach (InputFeedTick tick in Since)
        {
            tick.WriteBody(writer);
        }

        writer.Write(Tick);
        writer.Write(Digest);
    }

    /// <summary>Reads what <see cref="Write"/> wrote after the kind.</summary>
    internal static InputFeedStart Read(BinaryReader reader)
    {
        var settings = new InputFeedSettings(
            reader.ReadString(),
            reader.ReadDouble(),
            reader.ReadUInt64(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            reader.ReadInt64(),
            reader.ReadInt64(),
            reader.ReadInt64(),
            reader.ReadUInt32(),
            reader.ReadInt32(),
            reader.ReadBoolean());
        WorldSnapshot? snapshot = ReadBlock(reader) is { } b ? WorldSnapshot.Decode(b) : null;
        long historyFrom = reader.ReadInt64();
        int count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new FormatException($"A start frame says it carries {count} ticks.");
        }

        var since = new List<InputFeedTick>(count);
        for (int i = 0; i < count; i++)
        {
            since.Add(InputFeedTick.Read(reader));
        }

        long tick = reader.ReadInt64();
        byte[] digest = reader.ReadBytes(DigestSize);
        return digest.Length == DigestSize ? new InputFeedStart(settings, snapshot, historyFrom, since, tick, digest) : throw new FormatException("The start frame's digest is cut short.");
    }
}
