using WasGo.Actors.Worlds;

namespace WasGo.Actors.Serialization;

/// <summary><see cref="FollowWorldInputs"/>: whether it has a tick to start from, then the tick.</summary>
internal sealed class FollowWorldInputsFormat() : WireFormat<FollowWorldInputs>("fi")
{
    public override int SizeOf(FollowWorldInputs message) => WireWriter.ByteSize + WireWriter.Int64Size;

    public override void Write(ref WireWriter writer, FollowWorldInputs message)
    {
        writer.WriteBoolean(message.From is not null);
        writer.WriteInt64(message.From ?? 0);
    }

    public override FollowWorldInputs ReadMessage(ref WireReader reader)
    {
        bool hasFrom = reader.ReadBoolean();
        long from = reader.ReadInt64();
        return new FollowWorldInputs(hasFrom ? from : null);
    }
}
