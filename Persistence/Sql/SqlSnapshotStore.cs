using System.Data.Common;

namespace WasGo.Persistence;

/// <summary>The snapshot store of a <see cref="SqlDatabase"/>.</summary>
internal sealed class SqlSnapshotStore(SqlDatabase database) : ISnapshotStore
{
    public const string DeleteSelected = "DELETE FROM snapshots WHERE persistence_id = @id" + Selection;

    private const string Selection = " AND sequence_nr BETWEEN @minSequenceNr AND @maxSequenceNr AND created_at BETWEEN @minTimestamp AND @maxTimestamp";

    public static DbCommand SelectionCommand(DbCommand command, string persistenceId, SnapshotSelectionCriteria criteria) => command
        .With("@id", persistenceId)
        .With("@minSequenceNr", criteria.MinSequenceNr).With("@maxSequenceNr", criteria.MaxSequenceNr)
        .With("@minTimestamp", criteria.MinTimestamp.ToUnixMilliseconds()).With("@maxTimestamp", criteria.MaxTimestamp.ToUnixMilliseconds());

    public Task SaveAsync(SnapshotMetadata metadata, ReadOnlyMemory<byte> payload, string manifest = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(metadata.PersistenceId);
        ArgumentNullException.ThrowIfNull(manifest);
        return database.WriteAsync(new SaveSnapshotOperation(metadata, payload, manifest), cancellationToken);
    }

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return database.ReadAsync(
            async (connection, ct) =>
            {
                using DbCommand command = connection.CreateCommand();
                command.CommandText = "SELECT sequence_nr, created_at, payload, manifest FROM snapshots WHERE persistence_id = @id" + Selection + " ORDER BY sequence_nr DESC LIMIT 1";
                SelectionCommand(command, persistenceId, criteria);
                using DbDataReader reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    return null;
                }

                var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
                return new SelectedSnapshot(metadata, (byte[])reader.GetValue(2), reader.GetString(3));
            },
            cancellationToken);
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return database.WriteAsync(new DeleteSnapshotsOperation(persistenceId, criteria), cancellationToken);
    }
}
