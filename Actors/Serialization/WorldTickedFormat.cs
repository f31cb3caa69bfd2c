using WasGo.Actors.Worlds;
using WasGo.Scripting;

namespace WasGo.Actors.Serialization;

/// <summary>
/// <see cref="WorldTicked"/>: the world id, the tick, the digest, the signals (a count, then each
/// signal's world id, entity id, name and arguments), the recovered flag, then a flag for
/// <see cref="WorldTicked.GivenUp"/> (absent and empty differ) and, if present, a count and each
/// entity id and reason.
/// </summary>
internal sealed class WorldTickedFormat() : WireFormat<WorldTicked>("wt")
{
    // The smallest signal is three empty strings and no arguments; the smallest given-up message two empty strings.
    private const int MinSignalSize = 4 * WireWriter.Int32Size;
    private const int MinGivenUpSize = 2 * WireWriter.Int32Size;

    public override int SizeOf(WorldTicked message)
    {
        int size = WorldTickHeader.SizeOf(message.WorldId, message.Digest) + WireWriter.Int32Size;
        foreach (EntitySignal signal in message.Signals)
        {
            size += WireWriter.SizeOf(signal.WorldId) + WireWriter.SizeOf(signal.EntityId) + WireWriter.SizeOf(signal.Signal) + WireWriter.SizeOf(signal.Arguments);
        }

        size += 2 * WireWriter.ByteSize;
        if (message.GivenUp is { } givenUp)
        {
            size += WireWriter.Int32Size;
            foreach ((string entityId, string reason) in givenUp)
            {
                size += WireWriter.SizeOf(entityId) + WireWriter.SizeOf(reason);
            }
        }

        return size;
    }

    public override void Write(ref WireWriter writer, WorldTicked message)
    {
        WorldTickHeader.Write(ref writer, message.WorldId, message.Tick, message.Digest);
        writer.WriteInt32(message.Signals.Count);
        foreach (EntitySignal signal in message.Signals)
        {
            writer.WriteString(signal.WorldId);
            writer.WriteString(signal.EntityId);
            writer.WriteString(signal.Signal);
            writer.WriteValues(signal.Arguments);
        }

        writer.WriteBoolean(message.Recovered);
        writer.WriteBoolean(message.GivenUp is not null);
        if (message.GivenUp is { } givenUp)
        {
            writer.WriteInt32(givenUp.Count);
            foreach ((string entityId, string reason) in givenUp)
            {
                writer.WriteString(entityId);
                writer.WriteString(reason);
            }
        }
    }

    public override WorldTicked ReadMessage(ref WireReader reader)
    {
        (string worldId, long tick, string digest) = WorldTickHeader.Read(ref reader);
        var signals = new EntitySignal[reader.ReadCount(MinSignalSize)];
        for (int i = 0; i < signals.Length; i++)
        {
            signals[i] = new EntitySignal(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadValues());
        }

        bool recovered = reader.ReadBoolean();
        (string EntityId, string Reason)[]? givenUp = null;
        if (reader.ReadBoolean())
        {
            givenUp = new (string, string)[reader.ReadCount(MinGivenUpSize)];
            for (int i = 0; i < givenUp.Length; i++)
            {
                givenUp[i] = (reader.ReadString(), reader.ReadString());
            }
        }

        return new WorldTicked(worldId, tick, digest, signals, recovered, givenUp);
    }
}
