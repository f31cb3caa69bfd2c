using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WasGo.Persistence;

/// <summary>The SQLite side of <see cref="SqlDatabase"/>: WAL, immediate write transactions, pooled readers.</summary>
internal sealed class SqliteDatabase(SqlitePersistenceOptions options, TimeProvider clock) : SqlDatabase(clock, options.MaxBatchSize)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.DataSource,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
    }.ToString();

    public override async ValueTask<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Applies the migrations not yet applied; two processes doing it at once serialize on SQLite's write lock.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken).ConfigureAwait(false);
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        await ApplyMigrationsAsync(connection, transaction, "Sqlite", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<DbConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken)
    {
        SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        string synchronous = options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
        await ExecuteAsync(connection, null, "PRAGMA synchronous=" + synchronous, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    // BEGIN IMMEDIATE: take the write lock at the start, so a busy database waits here, not at commit.
    protected override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override bool IsConnectionBroken(Exception exception) => false;

    protected override ValueTask CloseAsync()
    {
        // Pooled connections keep the file open; a host that closes the store expects it released.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA busy_timeout=" + ((long)options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
