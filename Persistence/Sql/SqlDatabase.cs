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
        DurableState = new SqlDurableStateStore(this);
        Journal = new SqlJournal(this);
        Snapshots = new SqlSnapshotStore(this);
        Modules = new SqlModuleStore(this);
    }

    public IDurableStateStore DurableState { get; }

    public IJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    public IModuleStore Modules { get; }

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
                var executor = new SqlWriteExecutor(_commands!, transaction, Clock.GetUtcNow().ToUnixMilliseconds());
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
