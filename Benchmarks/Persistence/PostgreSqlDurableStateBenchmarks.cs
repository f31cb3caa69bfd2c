using BenchmarkDotNet.Attributes;
using Npgsql;
using NpgsqlTypes;
using WasGo.Persistence;

namespace WasGo.Benchmarks.Persistence;

/// <summary>
/// Durable-state writes per second on PostgreSQL: many concurrent callers through our store beside
/// raw Npgsql upserts of the same rows, 1,000 per statement through <c>unnest</c>. Needs the server
/// in WASGO_BENCH_POSTGRES (an Npgsql connection string). One operation is one row.
/// </summary>
public class PostgreSqlDurableStateBenchmarks : DurableStateWriteBenchmarks
{
    private string _connectionString = null!;
    private NpgsqlDataSource _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        string server = Environment.GetEnvironmentVariable("WASGO_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set WASGO_BENCH_POSTGRES to an Npgsql connection string of a server this benchmark may create databases on.");
        string name = "wasgo_bench_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        Store = PostgreSqlPersistence.OpenAsync(new PostgreSqlPersistenceOptions { ConnectionString = _connectionString }).GetAwaiter().GetResult();
        _raw = NpgsqlDataSource.Create(_connectionString);
        using NpgsqlCommand table = _raw.CreateCommand("CREATE TABLE raw_state (persistence_id TEXT NOT NULL PRIMARY KEY, revision BIGINT NOT NULL, payload BYTEA NOT NULL)");
        table.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public async Task RawUnnestUpserts()
    {
        await using NpgsqlConnection connection = await _raw.OpenConnectionAsync();
        for (int start = 0; start < Rows; start += RawBatch)
        {
            string[] ids = Enumerable.Range(start, RawBatch).Select(i => "entity-" + i).ToArray();
            byte[][] payloads = Enumerable.Repeat(Payload, RawBatch).ToArray();
            await using var command = new NpgsqlCommand(
                "INSERT INTO raw_state (persistence_id, revision, payload) SELECT id, 1, payload FROM unnest(@ids, @payloads) AS t(id, payload) " +
                "ON CONFLICT (persistence_id) DO UPDATE SET revision = raw_state.revision + 1, payload = excluded.payload", connection);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
            command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = payloads });
            await command.ExecuteNonQueryAsync();
        }
    }
}
