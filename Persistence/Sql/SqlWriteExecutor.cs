using System.Data.Common;

namespace WasGo.Persistence;

/// <summary>
/// Applies the operations of one batch inside its transaction. A refusal (stale revision, sequence
/// gap) is detected from what a statement changed and marks only that operation; anything that can
/// fail half-way runs inside a savepoint, so the batch commits what did not fail.
/// </summary>
internal sealed class SqlWriteExecutor(CommandCache commands, DbTransaction transaction, long now)
{
    private const string InsertState =
        "INSERT INTO durable_state (persistence_id, revision, payload, manifest, updated_at) VALUES (@id, 1, @payload, @manifest, @now) ON CONFLICT (persistence_id) DO NOTHING";

    private const string UpdateState =
        "UPDATE durable_state SET revision = @revision, payload = @payload, manifest = @manifest, updated_at = @now WHERE persistence_id = @id AND revision = @previous";

    private const string DeleteState = "DELETE FROM durable_state WHERE persistence_id = @id AND revision = @revision";

    private const string SelectHighest = "SELECT highest_sequence_nr FROM journal_metadata WHERE persistence_id = @id";

    private const string InsertEvent =
        "INSERT INTO journal (persistence_id, sequence_nr, payload, manifest, written_at) VALUES (@id, @sequenceNr, @payload, @manifest, @now)";

    private const string UpsertHighest =
        "INSERT INTO journal_metadata (persistence_id, highest_sequence_nr) VALUES (@id, @highest) ON CONFLICT (persistence_id) DO UPDATE SET highest_sequence_nr = excluded.highest_sequence_nr";

    private const string DeleteEvents = "DELETE FROM journal WHERE persistence_id = @id AND sequence_nr <= @to";

    private const string UpsertSnapshot =
        "INSERT INTO snapshots (persistence_id, sequence_nr, created_at, payload, manifest) VALUES (@id, @sequenceNr, @createdAt, @payload, @manifest) " +
        "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET created_at = excluded.created_at, payload = excluded.payload, manifest = excluded.manifest";

    private const string InsertModule = "INSERT INTO modules (hash, bytes, size, created_at) VALUES (@hash, @bytes, @size, @now) ON CONFLICT (hash) DO NOTHING";

    private const string InsertTag =
        "INSERT INTO module_tags (name, version, hash, created_at, seq) VALUES (@name, @version, @hash, @now, (SELECT COALESCE(MAX(seq), 0) + 1 FROM module_tags)) ON CONFLICT (name, version) DO NOTHING";

    private const string SelectTagHash = "SELECT hash FROM module_tags WHERE name = @name AND version = @version";

    // A taken id changes nothing, so the batch goes on; on PostgreSQL a concurrent insert of the id waits for the other transaction and then does nothing.
    private const string InsertWorld =
        "INSERT INTO wasgo_worlds (id, tick_rate, token_hash, created_at) VALUES (@id, @tickRate, @tokenHash, @createdAt) ON CONFLICT (id) DO NOTHING";

    public Task ExecuteAsync(WriteOperation operation, CancellationToken cancellationToken) => operation switch
    {
        UpsertStateOperation upsert => UpsertStateAsync(upsert, cancellationToken),
        DeleteStateOperation delete => DeleteStateAsync(delete, cancellationToken),
        AppendEventsOperation append => AppendEventsAsync(append, cancellationToken),
        DeleteEventsOperation delete => commands.Get(DeleteEvents, transaction).With("@id", delete.PersistenceId).With("@to", delete.ToSequenceNr).ExecuteNonQueryAsync(cancellationToken),
        SaveSnapshotOperation save => commands.Get(UpsertSnapshot, transaction)
            .With("@id", save.Metadata.PersistenceId).With("@sequenceNr", save.Metadata.SequenceNr).With("@createdAt", save.Metadata.Timestamp.ToUnixMilliseconds())
            .With("@payload", save.Payload.AsArray()).With("@manifest", save.Manifest).ExecuteNonQueryAsync(cancellationToken),
        DeleteSnapshotsOperation delete => SqlSnapshotStore.SelectionCommand(commands.Get(SqlSnapshotStore.DeleteSelected, transaction), delete.PersistenceId, delete.Criteria).ExecuteNonQueryAsync(cancellationToken),
        PutModuleOperation put => PutModuleAsync(put, cancellationToken),
        AddWorldOperation add => AddWorldAsync(add, cancellationToken),
        _ => throw new InvalidOperationException($"No SQL for {operation.GetType().Name}."),
    };

    private async Task UpsertStateAsync(UpsertStateOperation upsert, CancellationToken cancellationToken)
    {
        DbCommand command = upsert.Revision == 1
            ? commands.Get(InsertState, transaction)
            : commands.Get(UpdateState, transaction).With("@revision", upsert.Revision).With("@previous", upsert.Revision - 1);
        int changed = await command.With("@id", upsert.PersistenceId).With("@payload", upsert.Payload.AsArray()).With("@manifest", upsert.Manifest).With("@now", now)
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (changed != 1)
        {
            upsert.Refuse(DurableStateConcurrencyException.Refused(upsert.PersistenceId, upsert.Revision));
        }
    }

    private async Task DeleteStateAsync(DeleteStateOperation delete, CancellationToken cancellationToken)
    {
        int changed = await commands.Get(DeleteState, transaction).With("@id", delete.PersistenceId).With("@revision", delete.Revision)
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (changed != 1)
        {
            delete.Refuse(new DurableStateConcurrencyException($"State of '{delete.PersistenceId}' was not deleted: its stored revision is not {delete.Revision}, or it has no state."));
        }
    }

    private async Task AppendEventsAsync(AppendEventsOperation append, CancellationToken cancellationToken)
    {
        const string Savepoint = "append_events";
        await transaction.SaveAsync(Savepoint, cancellationToken).ConfigureAwait(false);
        try
        {
            object? stored = await commands.Get(SelectHighest, transaction).With("@id", append.PersistenceId).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            long highest = stored is null or DBNull ? 0 : Convert.ToInt64(stored, System.Globalization.CultureInfo.InvariantCulture);
            long first = append.Events[0].SequenceNr;
            if (first != highest + 1)
            {
                append.Refuse(JournalSequenceException.Refused(append.PersistenceId, first, highest));
                await transaction.ReleaseAsync(Savepoint, cancellationToken).ConfigureAwait(false);
                return;
            }

            DbCommand insert = commands.Get(InsertEvent, transaction).With("@id", append.PersistenceId).With("@now", now);
            foreach (JournalEvent e in append.Events)
            {
                await insert.With("@sequenceNr", e.SequenceNr).With("@payload", e.Payload.AsArray()).With("@manifest", e.Manifest).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await commands.Get(UpsertHighest, transaction).With("@id", append.PersistenceId).With("@highest", append.Events[^1].SequenceNr)
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.ReleaseAsync(Savepoint, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException conflict)
        {
            // Another writer (another node, on PostgreSQL) appended the same numbers first.
            await transaction.RollbackAsync(Savepoint, cancellationToken).ConfigureAwait(false);
            await transaction.ReleaseAsync(Savepoint, cancellationToken).ConfigureAwait(false);
            append.Refuse(new JournalSequenceException($"Events of '{append.PersistenceId}' were refused: {conflict.Message}", conflict));
        }
    }

    private async Task PutModuleAsync(PutModuleOperation put, CancellationToken cancellationToken)
    {
        ModuleTag tag = put.Tag;
        await commands.Get(InsertModule, transaction).With("@hash", tag.Hash).With("@bytes", put.Bytes.AsArray()).With("@size", tag.Size).With("@now", now)
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await commands.Get(InsertTag, transaction).With("@name", tag.Name).With("@version", tag.Version).With("@hash", tag.Hash).With("@now", now)
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        object? stored = await commands.Get(SelectTagHash, transaction).With("@name", tag.Name).With("@version", tag.Version)
            .ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (!tag.Hash.Equals(stored as string, StringComparison.Ordinal))
        {
            put.Refuse(new InvalidOperationException($"Module '{tag.Name}' version '{tag.Version}' already names other bytes ({stored}); a version, once deployed, never changes. Deploy a new version."));
        }
    }

    private async Task AddWorldAsync(AddWorldOperation add, CancellationToken cancellationToken)
    {
        StoredWorld world = add.World;
        int changed = await commands.Get(InsertWorld, transaction).With("@id", world.Id).With("@tickRate", world.TickRate).With("@tokenHash", world.TokenHash)
            .With("@createdAt", world.CreatedAt.ToUnixMilliseconds()).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        add.Added = changed == 1;
    }
}
