using WasGo.Actors.Worlds;

namespace WasGo.Actors.Serialization;

/// <summary><see cref="WorldSetTickRate"/>: the rate's 8 raw bytes.</summary>
internal sealed class WorldSetTickRateFormat() : WireFormat<WorldSetTickRate>("wr")
{
    public override int SizeOf(WorldSetTickRate message) => WireWriter.Int64Size;

    public override void Write(ref WireWriter writer, WorldSetTickRate message) => writer.WriteDouble(message.TickRate);

    public override WorldSetTickRate ReadMessage(ref WireReader reader) => new(reader.ReadDouble());
}
