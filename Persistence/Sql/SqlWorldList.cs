using System.Data.Common;
using System.Globalization;

namespace WasGo.Persistence;

/// <summary>The world list of a <see cref="SqlDatabase"/>.</summary>
internal sealed class SqlWorldList(SqlDatabase database) : IWorldList
{
    private const string SelectWorlds = "SELECT id, tick_rate, token_hash, created_at FROM wasgo_worlds";

    public async Task<bool> TryAddAsync(StoredWorld world, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentException.ThrowIfNullOrEmpty(world.Id);
        ArgumentNullException.ThrowIfNull(world.TokenHash);
        if (!double.IsFinite(world.TickRate))
        {
            // Refused here, before it joins a batch: Microsoft.Data.Sqlite will not bind NaN, and a statement that fails fails every write of its batch.
            throw new ArgumentOutOfRangeException(nameof(world), world.TickRate, string.Create(CultureInfo.InvariantCulture, $"World '{world.Id}' has the tick rate {world.TickRate}; a stored tick rate must be a finite number."));
        }

        var add = new AddWorldOperation(world);
        await database.WriteAsync(add, cancellationToken).ConfigureAwait(false);
        return add.Added;
    }

    public async Task<IReadOnlyList<StoredWorld>> ListAsync(CancellationToken cancellationToken = default)
    {
        List<StoredWorld> worlds = await QueryAsync(SelectWorlds, null, cancellationToken).ConfigureAwait(false);
        // Sorted here rather than by ORDER BY: a database orders text by its collation (PostgreSQL's follows the server's locale), not ordinally.
        worlds.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return worlds;
    }

    public async Task<StoredWorld?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        List<StoredWorld> worlds = await QueryAsync(SelectWorlds + " WHERE id = @id", id, cancellationToken).ConfigureAwait(false);
        return worlds.Count == 0 ? null : worlds[0];
    }

    private Task<List<StoredWorld>> QueryAsync(string sql, string? id, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async (connection, ct) =>
            {
                using DbCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants of this class; the id travels as a parameter.
                command.CommandText = sql;
#pragma warning restore CA2100
                if (id is not null)
                {
                    command.With("@id", id);
                }

                var worlds = new List<StoredWorld>();
                using DbDataReader reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    worlds.Add(new StoredWorld(reader.GetString(0), reader.GetDouble(1), reader.GetFieldValue<byte[]>(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
                }

                return worlds;
            },
            cancellationToken);
}
