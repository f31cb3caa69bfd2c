using WasGo.Actors.Worlds;

namespace WasGo.Actors.Serialization;

/// <summary><see cref="WorldCheckpointed"/>: the tick, then the digest.</summary>
internal sealed class WorldCheckpointedFormat() : WireFormat<WorldCheckpointed>("ck")
{
    public override int SizeOf(WorldCheckpointed message) => WireWriter.Int64Size + WireWriter.SizeOf(message.Digest);

    public override void Write(ref WireWriter writer, WorldCheckpointed message)
    {
        writer.WriteInt64(message.Tick);
        writer.WriteString(message.Digest);
    }

    public override WorldCheckpointed ReadMessage(ref WireReader reader) => new(reader.ReadInt64(), reader.ReadString());
}
