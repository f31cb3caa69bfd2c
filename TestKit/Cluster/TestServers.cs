using System.Diagnostics;
using Npgsql;

namespace WasGo.Actors.TestKit;

/// <summary>
/// The PostgreSQL server a test run started (<c>scripts/postgres.sh</c> exports where it is), for
/// integration tests of clustered code: a database of their own per test, and restarts of the
/// server under load. A test that cannot reach it fails with a message saying how to provide it.
/// </summary>
public static class TestServers
{
    /// <summary>Gets the server's Npgsql connection string (<c>WASGO_TEST_POSTGRES</c>).</summary>
    /// <exception cref="InvalidOperationException">It is not set.</exception>
    public static string Postgres => Required("WASGO_TEST_POSTGRES", "starts a private PostgreSQL on 127.0.0.1 (scripts/postgres.sh)");

    /// <summary>Creates an empty database for one test.</summary>
    /// <param name="namePrefix">The start of its name (letters, digits and '_').</param>
    /// <returns>Its connection string.</returns>
    public static async Task<string> CreateDatabaseAsync(string namePrefix = "test_")
    {
        string name = namePrefix + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name}").ConfigureAwait(false);
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ToString();
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing its connections.</summary>
    /// <param name="connectionString">Its connection string.</param>
    /// <returns>A task that completes when it is gone.</returns>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)").ConfigureAwait(false);
    }

    /// <summary>Restarts PostgreSQL with pg_ctl as the postgres user: every connection drops (this process's pooled ones are cleared).</summary>
    /// <returns>A task that completes when it accepts connections again.</returns>
    public static async Task RestartPostgresAsync()
    {
        string bin = Required("WASGO_TEST_POSTGRES_BIN", "sets it to PostgreSQL's bin folder (scripts/postgres.sh)");
        string data = Required("WASGO_TEST_POSTGRES_DATA", "sets it to the test cluster's data folder (scripts/postgres.sh)");
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "-t", "60", "restart", "-l", Path.Combine(data, "..", "server.log")).ConfigureAwait(false);
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task ExecuteAsync(string sql)
    {
        NpgsqlConnection connection = new(Postgres);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            NpgsqlCommand command = new(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"{program} did not start.");

        // Both pipes are read at once: one left full would block the program.
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string errors = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await output.ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}");
        }
    }

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. Run the tests with scripts/test.sh, which {what} and sets it.");
}
