using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using WasGo.Benchmarks.Actors;
using WasGo.Persistence;

namespace WasGo.Benchmarks.Persistence;

/// <summary>
/// Durable-state writes per second on SQLite: many concurrent callers through our store (group
/// commit, revision check per row) beside raw Microsoft.Data.Sqlite upserts batched 1,000 to a
/// transaction on one connection, same file settings (WAL, synchronous=NORMAL). One operation is one row.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SqliteDurableStateBenchmarks
{
    private const int Rows = 20_000;
    private const int RawBatch = 1_000;
    private static readonly byte[] s_payload = new byte[200];

    private string _folder = null!;
    private IPersistenceProvider _store = null!;
    private SqliteConnection _raw = null!;
    private long _revision;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "wasgo-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _store = SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = Path.Combine(_folder, "store.db") }).GetAwaiter().GetResult();
        _raw = new SqliteConnection($"Data Source={Path.Combine(_folder, "raw.db")}");
        _raw.Open();
        Execute("PRAGMA journal_mode=WAL");
        Execute("PRAGMA synchronous=NORMAL");
        Execute("CREATE TABLE durable_state (persistence_id TEXT NOT NULL PRIMARY KEY, revision INTEGER NOT NULL, payload BLOB NOT NULL, manifest TEXT NOT NULL, updated_at INTEGER NOT NULL)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _raw.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public void RawBatchedUpserts()
    {
        using SqliteCommand command = _raw.CreateCommand();
        command.CommandText = "INSERT INTO durable_state (persistence_id, revision, payload, manifest, updated_at) VALUES (@id, 1, @payload, '', 0) " +
            "ON CONFLICT (persistence_id) DO UPDATE SET revision = revision + 1, payload = excluded.payload";
        SqliteParameter id = command.Parameters.Add("@id", SqliteType.Text);
        command.Parameters.AddWithValue("@payload", s_payload);
        for (int start = 0; start < Rows; start += RawBatch)
        {
            using SqliteTransaction transaction = _raw.BeginTransaction();
            command.Transaction = transaction;
            for (int i = start; i < start + RawBatch; i++)
            {
                id.Value = "entity-" + i;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task StoreGroupCommit()
    {
        long revision = ++_revision;
        var writes = new Task[Rows];
        for (int i = 0; i < Rows; i++)
        {
            writes[i] = _store.DurableState.UpsertAsync("entity-" + i, revision, s_payload);
        }

        return Task.WhenAll(writes);
    }

    private void Execute(string sql)
    {
        using SqliteCommand command = _raw.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
