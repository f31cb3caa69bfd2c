using System.Data.Common;

namespace WasGo.Persistence;

/// <summary>The module store of a <see cref="SqlDatabase"/>.</summary>
internal sealed class SqlModuleStore(SqlDatabase database) : IModuleStore
{
    private const string SelectTags = "SELECT t.name, t.version, t.hash, m.size, t.created_at FROM module_tags t JOIN modules m ON m.hash = t.hash";

    public async Task<ModuleTag> PutAsync(string name, string version, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        var tag = new ModuleTag(name, version, ModuleHash.Of(bytes.Span), bytes.Length, database.Clock.GetUtcNow());
        await database.WriteAsync(new PutModuleOperation(tag, bytes), cancellationToken).ConfigureAwait(false);
        return tag;
    }

    public Task<byte[]?> GetAsync(string hash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        return database.ReadAsync(
            async (connection, ct) =>
            {
                using DbCommand command = connection.CreateCommand();
                command.CommandText = "SELECT bytes FROM modules WHERE hash = @hash";
                command.With("@hash", hash);
                return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as byte[];
            },
            cancellationToken);
    }

    public async Task<ModuleTag?> ResolveAsync(string name, string? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string sql = SelectTags + (version is null
            ? " WHERE t.name = @name ORDER BY t.seq DESC LIMIT 1"
            : " WHERE t.name = @name AND t.version = @version");
        IReadOnlyList<ModuleTag> tags = await QueryAsync(sql, version, name, cancellationToken).ConfigureAwait(false);
        return tags.Count == 0 ? null : tags[0];
    }

    public Task<IReadOnlyList<ModuleTag>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryAsync(SelectTags + " ORDER BY t.name, t.seq", null, null, cancellationToken);

    private Task<IReadOnlyList<ModuleTag>> QueryAsync(string sql, string? version, string? name, CancellationToken cancellationToken) =>
        database.ReadAsync((connection, ct) => QueryAsync(connection, sql, version, name, ct), cancellationToken);

    private static async Task<IReadOnlyList<ModuleTag>> QueryAsync(DbConnection connection, string sql, string? version, string? name, CancellationToken cancellationToken)
    {
        using DbCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants of this class; values travel as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        if (name is not null)
        {
            command.With("@name", name);
        }

        if (version is not null)
        {
            command.With("@version", version);
        }

        var tags = new List<ModuleTag>();
        using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tags.Add(new ModuleTag(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return tags;
    }
}
