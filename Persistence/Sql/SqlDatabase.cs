using System.Data.Common;

namespace WasGo.Persistence;

/// <summary>
/// A database behind every store: reads on pooled connections, writes through one group-commit
/// writer. The SQL is the same for SQLite and PostgreSQL; a provider supplies connections,
/// the transaction start and the migration lock.
/// </summary>
internal abstract class SqlDatabase : IPersistenceProvider
{
    private readonly GroupCommitWriter _writer;
    private DbConnection? _writeConnection;
    private CommandCache? _commands;

    protected SqlDatabase(TimeProvider clock, int maxBatchSize)
    {
        Clock = clock;
        _writer = new GroupCommitWriter(CommitBatchAsync, maxBatchSize);
        Modules = new SqlModuleStore(this);
        Worlds = new SqlWorldList(this);
    }

    public IModuleStore Modules { get; }

    public IWorldList Worlds { get; }

    public TimeProvider Clock { get; }

    public Task WriteAsync(WriteOperation operation, CancellationToken cancellationToken) => _writer.Enqueue(operation, cancellationToken);

    public abstract ValueTask<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="read"/> on a pooled connection, returned to the pool afterwards.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        DbConnection connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await read(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _commands?.Dispose();
        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
        }

        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Runs one statement of this assembly's own (a pragma, a lock, a migration).</summary>
    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Pragmas, locks and migrations are constants of this assembly.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the provider's migrations newer than the version recorded in <c>schema_version</c>,
    /// inside <paramref name="transaction"/>, which the caller opened holding its provider's
    /// migration lock (so two processes migrating at once take turns).
    /// </summary>
    protected async Task ApplyMigrationsAsync(DbConnection connection, DbTransaction transaction, string provider, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)", cancellationToken).ConfigureAwait(false);
        using DbCommand current = connection.CreateCommand();
        current.Transaction = transaction;
        current.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        long applied = Convert.ToInt64(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        foreach (MigrationScript script in MigrationScript.For(provider))
        {
            if (script.Version <= applied)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
            using DbCommand record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @now)";
            record.With("@version", script.Version).With("@name", script.Name).With("@now", Clock.GetUtcNow().ToUnixMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected abstract ValueTask<DbConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken);

    protected abstract ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="exception"/> means the connection must be replaced.</summary>
    protected abstract bool IsConnectionBroken(Exception exception);

    /// <summary>Releases what the provider holds beyond the write connection.</summary>
    protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    private async Task CommitBatchAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken)
    {
        if (_writeConnection is null)
        {
            _writeConnection = await OpenWriteConnectionAsync(cancellationToken).ConfigureAwait(false);
            _commands = new CommandCache(_writeConnection);
        }

        try
        {
            DbTransaction transaction = await BeginWriteTransactionAsync(_writeConnection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                long now = Clock.GetUtcNow().ToUnixMilliseconds();
                var executor = new SqlWriteExecutor(_commands!, transaction, now);
                foreach (WriteOperation operation in batch)
                {
                    await executor.ExecuteAsync(operation, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (IsConnectionBroken(exception))
        {
            // The next batch opens a fresh connection; this one's callers get the error.
            _commands?.Dispose();
            _commands = null;
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
            _writeConnection = null;
            throw;
        }
    }
}
