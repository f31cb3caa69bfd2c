using WasGo.Actors.Worlds;
using WasGo.Scripting;

namespace WasGo.Actors.Serialization;

/// <summary><see cref="WorldActorSnapshot"/>: the tick to resume at, the world's own encoding, then each kept answer's key and result.</summary>
internal static class WorldActorSnapshotFormat
{
    private static readonly CallResultFormat s_results = new();

    public static byte[] Encode(WorldActorSnapshot snapshot)
    {
        byte[] world = snapshot.World.Encode();
        int size = WireWriter.Int64Size + WireWriter.SizeOf(world) + WireWriter.Int32Size;
        foreach ((string key, CallResult answer) in snapshot.Answered)
        {
            size += WireWriter.SizeOf(key) + s_results.SizeOf(answer);
        }

        var bytes = new byte[size];
        var writer = new WireWriter(bytes);
        writer.WriteInt64(snapshot.ResumeAt);
        writer.WriteBytes(world);
        writer.WriteInt32(snapshot.Answered.Count);
        foreach ((string key, CallResult answer) in snapshot.Answered)
        {
            writer.WriteString(key);
            s_results.Write(ref writer, answer);
        }

        writer.AssertFull();
        return bytes;
    }

    /// <exception cref="System.Runtime.Serialization.SerializationException">The bytes are not such a snapshot.</exception>
    public static WorldActorSnapshot Decode(byte[] bytes)
    {
        var reader = new WireReader(bytes, WorldActorSnapshot.Manifest);
        long resumeAt = reader.ReadInt64();
        ReadOnlySpan<byte> worldBytes = reader.ReadBytes();
        WorldSnapshot world;
        try
        {
            world = WorldSnapshot.Decode(worldBytes);
        }
        catch (FormatException malformed)
        {
            throw reader.Malformed("its world is not one: " + malformed.Message, malformed);
        }

        // A key and a result take at least a length and a nil with its flag.
        int count = reader.ReadCount(WireWriter.Int32Size + 2);
        var answered = new KeyValuePair<string, CallResult>[count];
        for (int i = 0; i < count; i++)
        {
            answered[i] = new(reader.ReadString(), s_results.ReadMessage(ref reader));
        }

        reader.ReadEnd();
        return new WorldActorSnapshot(world, resumeAt, answered);
    }
}
