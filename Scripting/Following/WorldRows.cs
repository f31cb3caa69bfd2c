using System.Text;

namespace WasGo.Scripting;

/// <summary>
/// Every entity's state row of a world at one tick, exactly (floats by their bits), to find where
/// two copies of a world part: the first entity, in id order, and the first column whose values differ.
/// </summary>
/// <param name="Tick">The tick.</param>
/// <param name="Entities">Each entity's row, by id.</param>
public sealed record WorldRows(long Tick, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ScriptValue>> Entities)
{
    /// <summary>Gets a world's rows now.</summary>
    /// <param name="world">The world.</param>
    /// <returns>The rows.</returns>
    public static WorldRows Of(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        return new(world.Tick, world.EntityIds.ToDictionary(id => id, id => world.StateOf(id)!, StringComparer.Ordinal));
    }

    /// <summary>Reads rows back.</summary>
    /// <param name="bytes">What <see cref="Encode"/> made.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="FormatException">The bytes are not rows.</exception>
    public static WorldRows Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            int at = 0;
            long tick = ScriptValueCodec.ReadInt64(bytes, ref at);
            int entities = ScriptValueCodec.ReadLength(bytes, ref at);
            var rows = new Dictionary<string, IReadOnlyDictionary<string, ScriptValue>>(StringComparer.Ordinal);
            for (int e = 0; e < entities; e++)
            {
                string id = ScriptValueCodec.ReadString(bytes, ref at);
                int columns = ScriptValueCodec.ReadLength(bytes, ref at);
                var row = new Dictionary<string, ScriptValue>(StringComparer.Ordinal);
                for (int c = 0; c < columns; c++)
                {
                    string name = ScriptValueCodec.ReadString(bytes, ref at);
                    row[name] = ScriptValueCodec.Read(bytes, ref at);
                }

                rows[id] = row;
            }

            return at == bytes.Length ? new WorldRows(tick, rows) : throw new FormatException("World rows have bytes after their end.");
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or DecoderFallbackException)
        {
            throw new FormatException($"{bytes.Length} bytes are not a world's rows: {e.Message}", e);
        }
    }

    /// <summary>Writes the rows: the tick, then each entity (in id order) with its columns (in name order).</summary>
    /// <returns>The bytes.</returns>
    public byte[] Encode()
    {
        var output = new List<byte>();
        ScriptValueCodec.WriteInt64(output, Tick);
        ScriptValueCodec.WriteLength(output, Entities.Count);
        foreach ((string id, IReadOnlyDictionary<string, ScriptValue> row) in Entities.OrderBy(static e => e.Key, StringComparer.Ordinal))
        {
            ScriptValueCodec.WriteString(output, id);
            ScriptValueCodec.WriteLength(output, row.Count);
            foreach ((string name, ScriptValue value) in row.OrderBy(static c => c.Key, StringComparer.Ordinal))
            {
                ScriptValueCodec.WriteString(output, name);
                ScriptValueCodec.Write(output, value);
            }
        }

        return [.. output];
    }

    /// <summary>Finds the first place, in entity id then column name order, where <paramref name="other"/> differs from these rows.</summary>
    /// <param name="other">The rows to compare with (the host's).</param>
    /// <returns>The first difference, or null if every row is the same.</returns>
    public RowDifference? FirstDifferenceFrom(WorldRows other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (string id in Entities.Keys.Union(other.Entities.Keys).Order(StringComparer.Ordinal))
        {
            if (!Entities.TryGetValue(id, out IReadOnlyDictionary<string, ScriptValue>? ours) || !other.Entities.TryGetValue(id, out IReadOnlyDictionary<string, ScriptValue>? theirs))
            {
                return new RowDifference(id, null, null, null);
            }

            foreach (string column in ours.Keys.Union(theirs.Keys).Order(StringComparer.Ordinal))
            {
                bool oursHas = ours.TryGetValue(column, out ScriptValue mine);
                bool theirsHas = theirs.TryGetValue(column, out ScriptValue yours);
                if (oursHas != theirsHas || !mine.Equals(yours))
                {
                    return new RowDifference(id, column, oursHas ? mine : null, theirsHas ? yours : null);
                }
            }
        }

        return null;
    }
}

/// <summary>Where two copies of a world's rows first differ.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Column">The column, or null when the entity is in one copy only.</param>
/// <param name="Ours">This copy's value, or null where it has none.</param>
/// <param name="Theirs">The other copy's value, or null where it has none.</param>
public sealed record RowDifference(string EntityId, string? Column, ScriptValue? Ours, ScriptValue? Theirs);
