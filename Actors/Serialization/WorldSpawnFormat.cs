using WasGo.Actors.Worlds;

namespace WasGo.Actors.Serialization;

/// <summary><see cref="WorldSpawn"/>: the entity id, then the module name.</summary>
internal sealed class WorldSpawnFormat() : WireFormat<WorldSpawn>("ws")
{
    public override int SizeOf(WorldSpawn message) => WireWriter.SizeOf(message.EntityId) + WireWriter.SizeOf(message.ModuleName);

    public override void Write(ref WireWriter writer, WorldSpawn message)
    {
        writer.WriteString(message.EntityId);
        writer.WriteString(message.ModuleName);
    }

    public override WorldSpawn ReadMessage(ref WireReader reader) => new(reader.ReadString(), reader.ReadString());
}
