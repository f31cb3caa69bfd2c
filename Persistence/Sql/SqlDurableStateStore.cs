using System.Data.Common;

namespace WasGo.Persistence;

/// <summary>The durable state store of a <see cref="SqlDatabase"/>.</summary>
internal sealed class SqlDurableStateStore(SqlDatabase database) : IDurableStateStore
{
    public Task<DurableStateRecord?> GetAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return database.ReadAsync(
            async (connection, ct) =>
            {
                using DbCommand command = connection.CreateCommand();
                command.CommandText = "SELECT revision, payload, manifest FROM durable_state WHERE persistence_id = @id";
                command.With("@id", persistenceId);
                using DbDataReader reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                return await reader.ReadAsync(ct).ConfigureAwait(false)
                    ? new DurableStateRecord(persistenceId, reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2))
                    : null;
            },
            cancellationToken);
    }

    public Task UpsertAsync(string persistenceId, long revision, ReadOnlyMemory<byte> payload, string manifest = "", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(revision, 1);
        ArgumentNullException.ThrowIfNull(manifest);
        return database.WriteAsync(new UpsertStateOperation(persistenceId, revision, payload, manifest), cancellationToken);
    }

    public Task DeleteAsync(string persistenceId, long revision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return database.WriteAsync(new DeleteStateOperation(persistenceId, revision), cancellationToken);
    }
}
