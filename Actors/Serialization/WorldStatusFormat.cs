using WasGo.Actors.Worlds;
using WasGo.Scripting;

namespace WasGo.Actors.Serialization;

/// <summary>
/// <see cref="WorldStatus"/>: the world id, the tick, the digest, the entities (a count, then each
/// id with its columns: a count, then each name and value), then the tick rate's raw bytes, then the
/// entities' modules (a count, then each id with its module's hash). The manifest is "s2" since the
/// modules were added: a node of the build before them ("st") refuses this form rather than misreading it.
/// </summary>
internal sealed class WorldStatusFormat() : WireFormat<WorldStatus>("s2")
{
    // The smallest entity is an empty id and no columns; the smallest column an empty name and nil.
    private const int MinEntitySize = 2 * WireWriter.Int32Size;
    private const int MinColumnSize = WireWriter.Int32Size + WireWriter.ByteSize;

    public override int SizeOf(WorldStatus message)
    {
        int size = WorldTickHeader.SizeOf(message.WorldId, message.Digest) + WireWriter.Int32Size + WireWriter.Int64Size;
        foreach ((string entityId, IReadOnlyDictionary<string, ScriptValue> columns) in message.Entities)
        {
            size += WireWriter.SizeOf(entityId) + SizeOf(columns);
        }

        size += WireWriter.Int32Size;
        foreach ((string entityId, string hash) in message.Modules)
        {
            size += WireWriter.SizeOf(entityId) + WireWriter.SizeOf(hash);
        }

        return size;
    }

    public override void Write(ref WireWriter writer, WorldStatus message)
    {
        WorldTickHeader.Write(ref writer, message.WorldId, message.Tick, message.Digest);
        writer.WriteInt32(message.Entities.Count);
        foreach ((string entityId, IReadOnlyDictionary<string, ScriptValue> columns) in message.Entities)
        {
            writer.WriteString(entityId);
            Write(ref writer, columns);
        }

        writer.WriteDouble(message.TickRate);
        writer.WriteInt32(message.Modules.Count);
        foreach ((string entityId, string hash) in message.Modules)
        {
            writer.WriteString(entityId);
            writer.WriteString(hash);
        }
    }

    public override WorldStatus ReadMessage(ref WireReader reader)
    {
        (string worldId, long tick, string digest) = WorldTickHeader.Read(ref reader);
        int count = reader.ReadCount(MinEntitySize);
        // Ordinal, as the world's own status is: ids and column names are compared byte for byte.
        var entities = new Dictionary<string, IReadOnlyDictionary<string, ScriptValue>>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string entityId = reader.ReadString();
            if (!entities.TryAdd(entityId, ReadColumns(ref reader, entityId)))
            {
                throw reader.Malformed($"the entity '{entityId}' is listed twice");
            }
        }

        double tickRate = reader.ReadDouble();
        return new WorldStatus(worldId, tick, digest, entities, tickRate, ReadModules(ref reader));
    }

    private static Dictionary<string, string> ReadModules(ref WireReader reader)
    {
        int count = reader.ReadCount(2 * WireWriter.Int32Size);
        var modules = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string entityId = reader.ReadString();
            if (!modules.TryAdd(entityId, reader.ReadString()))
            {
                throw reader.Malformed($"the entity '{entityId}' has two modules");
            }
        }

        return modules;
    }

    private static int SizeOf(IReadOnlyDictionary<string, ScriptValue> columns)
    {
        int size = WireWriter.Int32Size;
        foreach ((string name, ScriptValue value) in columns)
        {
            size += WireWriter.SizeOf(name) + WireWriter.SizeOf(value);
        }

        return size;
    }

    private static void Write(ref WireWriter writer, IReadOnlyDictionary<string, ScriptValue> columns)
    {
        writer.WriteInt32(columns.Count);
        foreach ((string name, ScriptValue value) in columns)
        {
            writer.WriteString(name);
            writer.WriteValue(value);
        }
    }

    private static Dictionary<string, ScriptValue> ReadColumns(ref WireReader reader, string entityId)
    {
        int count = reader.ReadCount(MinColumnSize);
        var columns = new Dictionary<string, ScriptValue>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            if (!columns.TryAdd(name, reader.ReadValue()))
            {
                throw reader.Malformed($"the entity '{entityId}' has the column '{name}' twice");
            }
        }

        return columns;
    }
}
