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

    /// <summary>
    /// One statement per round: PostgreSQL refuses to touch a row twice in one INSERT, so the n-th
    /// write of an id in this run goes in round n, which keeps each id's writes in order.
    /// </summary>
    private protected override async Task UpsertStatesAsync(SqlWriteExecutor executor, DbTransaction transaction, List<UpsertStateOperation> upserts, long now, CancellationToken cancellationToken)
    {
        var rounds = new List<List<UpsertStateOperation>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (UpsertStateOperation upsert in upserts)
        {
            int round = seen.TryGetValue(upsert.PersistenceId, out int previous) ? previous + 1 : 0;
            seen[upsert.PersistenceId] = round;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(upsert);
        }

        foreach (List<UpsertStateOperation> round in rounds)
        {
            await UpsertRoundAsync((NpgsqlTransaction)transaction, round, now, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override ValueTask<DbConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken) => OpenWithRetryAsync(cancellationToken);

    protected override async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    protected override bool IsConnectionBroken(Exception exception) => exception is NpgsqlException or InvalidOperationException or ObjectDisposedException;

    protected override async ValueTask CloseAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);

    private static async Task UpsertRoundAsync(NpgsqlTransaction transaction, List<UpsertStateOperation> round, long now, CancellationToken cancellationToken)
    {
        // Revision 1 creates a row; any other revision must follow the stored one; RETURNING says which went in.
        const string Sql =
            "INSERT INTO durable_state AS d (persistence_id, revision, payload, manifest, updated_at) " +
            "SELECT t.id, t.revision, t.payload, t.manifest, @now FROM unnest(@ids, @revisions, @payloads, @manifests) AS t(id, revision, payload, manifest) " +
            "WHERE t.revision = 1 OR EXISTS (SELECT 1 FROM durable_state e WHERE e.persistence_id = t.id) " +
            "ON CONFLICT (persistence_id) DO UPDATE SET revision = excluded.revision, payload = excluded.payload, manifest = excluded.manifest, updated_at = excluded.updated_at " +
            "WHERE d.revision = excluded.revision - 1 RETURNING d.persistence_id";
        using var command = new NpgsqlCommand(Sql, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = round.ConvertAll(u => u.PersistenceId) });
        command.Parameters.Add(new NpgsqlParameter("revisions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = round.ConvertAll(u => u.Revision) });
        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = round.ConvertAll(u => u.Payload.AsArray()) });
        command.Parameters.Add(new NpgsqlParameter("manifests", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = round.ConvertAll(u => u.Manifest) });
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.Bigint) { Value = now });
        var written = new HashSet<string>(StringComparer.Ordinal);
        using (NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                written.Add(reader.GetString(0));
            }
        }

        foreach (UpsertStateOperation upsert in round)
        {
            if (!written.Contains(upsert.PersistenceId))
            {
                upsert.Refuse(DurableStateConcurrencyException.Refused(upsert.PersistenceId, upsert.Revision));
            }
        }
    }

    private ValueTask<DbConnection> OpenWithRetryAsync(CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(static async (source, ct) => (DbConnection)await source.OpenConnectionAsync(ct).ConfigureAwait(false), _dataSource, cancellationToken);
}
