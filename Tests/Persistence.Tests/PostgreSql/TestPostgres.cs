using Npgsql;

namespace WasGo.Persistence.Tests.PostgreSql;

/// <summary>
/// The PostgreSQL server the test command started (WASGO_TEST_POSTGRES). A test that needs it and
/// cannot reach it fails with a message saying how to provide it.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "WASGO_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set. Run the tests with scripts/test.sh, which starts a private PostgreSQL on 127.0.0.1 and sets it.");

    /// <summary>Creates an empty database of its own for a test class; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        string name = "wasgo_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ToString();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
