using WasGo.Actors.Worlds;

namespace WasGo.Actors.Serialization;

/// <summary><see cref="WorldDespawn"/>: the entity id.</summary>
internal sealed class WorldDespawnFormat() : WireFormat<WorldDespawn>("wd")
{
    public override int SizeOf(WorldDespawn message) => WireWriter.SizeOf(message.EntityId);

    public override void Write(ref WireWriter writer, WorldDespawn message) => writer.WriteString(message.EntityId);

    public override WorldDespawn ReadMessage(ref WireReader reader) => new(reader.ReadString());
}
