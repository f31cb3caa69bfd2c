using WasGo.Actors.Worlds;

namespace WasGo.Actors.Serialization;

/// <summary><see cref="WorldInputFrame"/>: the frame's bytes, as the world encoded them.</summary>
internal sealed class WorldInputFrameFormat() : WireFormat<WorldInputFrame>("if")
{
    public override int SizeOf(WorldInputFrame message) => WireWriter.SizeOf(message.Frame);

    public override void Write(ref WireWriter writer, WorldInputFrame message) => writer.WriteBytes(message.Frame);

    public override WorldInputFrame ReadMessage(ref WireReader reader) => new(reader.ReadBytes().ToArray());
}
