namespace WasGo.Actors.Serialization;

/// <summary>
/// What a world's status and its tick notices start with: the world id, the tick and the digest
/// after it. One form for both, so that the two cannot drift apart.
/// </summary>
internal static class WorldTickHeader
{
    public static int SizeOf(string worldId, string digest) => WireWriter.SizeOf(worldId) + WireWriter.Int64Size + WireWriter.SizeOf(digest);

    public static void Write(ref WireWriter writer, string worldId, long tick, string digest)
    {
        writer.WriteString(worldId);
        writer.WriteInt64(tick);
        writer.WriteString(digest);
    }

    public static (string WorldId, long Tick, string Digest) Read(ref WireReader reader) => (reader.ReadString(), reader.ReadInt64(), reader.ReadString());
}
