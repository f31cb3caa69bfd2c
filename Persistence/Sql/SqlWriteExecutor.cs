using System.Data.Common;

namespace WasGo.Persistence;

/// <summary>
/// Applies the operations of one batch inside its transaction. A refusal (a module version that
/// names other bytes) is detected from what a statement read and marks only that operation, so the
/// batch commits what did not fail.
/// </summary>
internal sealed class SqlWriteExecutor(CommandCache commands, DbTransaction transaction, long now)
{
    private const string InsertModule = "INSERT INTO modules (hash, bytes, size, created_at) VALUES (@hash, @bytes, @size, @now) ON CONFLICT (hash) DO NOTHING";

    private const string InsertTag =
        "INSERT INTO module_tags (name, version, hash, created_at, seq) VALUES (@name, @version, @hash, @now, (SELECT COALESCE(MAX(seq), 0) + 1 FROM module_tags)) ON CONFLICT (name, version) DO NOTHING";

    private const string SelectTagHash = "SELECT hash FROM module_tags WHERE name = @name AND version = @version";

    // A taken id changes nothing, so the batch goes on; on PostgreSQL a concurrent insert of the id waits for the other transaction and then does nothing.
    private const string InsertWorld =
        "INSERT INTO wasgo_worlds (id, tick_rate, token_hash, created_at) VALUES (@id, @tickRate, @tokenHash, @createdAt) ON CONFLICT (id) DO NOTHING";

    public Task ExecuteAsync(WriteOperation operation, CancellationToken cancellationToken) => operation switch
    {
        PutModuleOperation put => PutModuleAsync(put, cancellationToken),
        AddWorldOperation add => AddWorldAsync(add, cancellationToken),
        _ => throw new InvalidOperationException($"No SQL for {operation.GetType().Name}."),
    };

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
