using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using WasGo.Persistence;

namespace WasGo.Benchmarks.Persistence;

/// <summary>
/// Durable-state writes per second on SQLite: many concurrent callers through our store (group
/// commit, revision check per row) beside raw Microsoft.Data.Sqlite upserts batched 1,000 to a
/// transaction on one connection, same file settings (WAL, synchronous=NORMAL). One operation is one row.
/// </summary>
public class SqliteDurableStateBenchmarks : DurableStateWriteBenchmarks
{
    private string _folder = null!;
    private SqliteConnection _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "wasgo-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Store = SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = Path.Combine(_folder, "store.db") }).GetAwaiter().GetResult();
        _raw = new SqliteConnection($"Data Source={Path.Combine(_folder, "raw.db")}");
        _raw.Open();
        Execute("PRAGMA journal_mode=WAL");
        Execute("PRAGMA synchronous=NORMAL");
        Execute("CREATE TABLE durable_state (persistence_id TEXT NOT NULL PRIMARY KEY, revision INTEGER NOT NULL, payload BLOB NOT NULL, manifest TEXT NOT NULL, updated_at INTEGER NOT NULL)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
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
        command.Parameters.AddWithValue("@payload", Payload);
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

    private void Execute(string sql)
    {
        using SqliteCommand command = _raw.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
