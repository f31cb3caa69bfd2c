using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Polly;
using Polly.Retry;

namespace WasGo.Persistence;

/// <summary>The PostgreSQL side of <see cref="SqlDatabase"/>: an Npgsql data source, retried connection attempts, migrations under an advisory lock.</summary>
internal sealed class PostgreSqlDatabase : SqlDatabase
{
    // Any fixed number: every node of a cluster takes the same lock while it migrates.
    private const long MigrationLockKey = 0x5761_7347_6f4d_6967;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ResiliencePipeline _retry;

    public PostgreSqlDatabase(PostgreSqlPersistenceOptions options, TimeProvider clock)
        : base(clock, options.MaxBatchSize)
    {
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        _retry = options.MaxRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = clock }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(static e => e.IsTransient),
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = TimeSpan.FromMilliseconds(100),
                    MaxDelay = TimeSpan.FromSeconds(2),
                    UseJitter = true,
                })
                .Build();
    }

    public override ValueTask<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken) => OpenWithRetryAsync(cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = await OpenWithRetryAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
                await ApplyMigrationsAsync(connection, transaction, "PostgreSql", cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    protected override ValueTask<DbConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken) => OpenWithRetryAsync(cancellationToken);

    protected override async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    protected override bool IsConnectionBroken(Exception exception) => exception is NpgsqlException or InvalidOperationException or ObjectDisposedException;

    protected override async ValueTask CloseAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);

    private ValueTask<DbConnection> OpenWithRetryAsync(CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(static async (source, ct) => (DbConnection)await source.OpenConnectionAsync(ct).ConfigureAwait(false), _dataSource, cancellationToken);
}
