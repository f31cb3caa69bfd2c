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

    public Task ExecuteAsync(WriteOperation operation, CancellationToken cancellationToken) => operation switch
    {
        PutModuleOperation put => PutModuleAsync(put, cancellationToken),
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
}
