using WasGo.Actors.Worlds;

namespace WasGo.Actors.Serialization;

/// <summary><see cref="WorldCall"/>: the entity id, the method, then the arguments (a count and each value).</summary>
internal sealed class WorldCallFormat() : WireFormat<WorldCall>("wc")
{
    public override int SizeOf(WorldCall message) =>
        WireWriter.SizeOf(message.EntityId) + WireWriter.SizeOf(message.Method) + WireWriter.SizeOf(message.Arguments);

    public override void Write(ref WireWriter writer, WorldCall message)
    {
        writer.WriteString(message.EntityId);
        writer.WriteString(message.Method);
        writer.WriteValues(message.Arguments);
    }

    public override WorldCall ReadMessage(ref WireReader reader) => new(reader.ReadString(), reader.ReadString(), reader.ReadValues());
}
