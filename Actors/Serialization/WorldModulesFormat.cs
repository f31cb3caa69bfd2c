using WasGo.Actors.Worlds;

namespace WasGo.Actors.Serialization;

/// <summary><see cref="WorldModules"/>: the count, then each hash.</summary>
internal sealed class WorldModulesFormat() : WireFormat<WorldModules>("wm")
{
    public override int SizeOf(WorldModules message) => WireWriter.Int32Size + message.Hashes.Sum(static hash => WireWriter.SizeOf(hash));

    public override void Write(ref WireWriter writer, WorldModules message)
    {
        writer.WriteInt32(message.Hashes.Count);
        foreach (string hash in message.Hashes)
        {
            writer.WriteString(hash);
        }
    }

    public override WorldModules ReadMessage(ref WireReader reader)
    {
        int count = reader.ReadCount(WireWriter.Int32Size);
        var hashes = new string[count];
        for (int i = 0; i < count; i++)
        {
            hashes[i] = reader.ReadString();
        }

        return new WorldModules(hashes);
    }
}
