using System.Diagnostics;
using Npgsql;

namespace WasGo.Cluster.Tests;

/// <summary>
/// The RabbitMQ broker and PostgreSQL server the test command started. A test that cannot reach
/// them fails with a message saying how to provide them; none is skipped.
/// </summary>
internal static class TestServers
{
    public static string RabbitMq => Required("WASGO_TEST_RABBITMQ", "starts RabbitMQ on 127.0.0.1 (scripts/rabbitmq.sh)");

    public static string Postgres => Required("WASGO_TEST_POSTGRES", "starts a private PostgreSQL on 127.0.0.1 (scripts/postgres.sh)");

    /// <summary>Creates an empty database for one test cluster.</summary>
    /// <returns>Its connection string.</returns>
    public static async Task<string> CreateDatabaseAsync()
    {
        string name = "cluster_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(Postgres, $"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ToString();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(Postgres, $"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    /// <summary>Publishes the same raw message to every shard queue of a test cluster, as a foreign or broken sender would.</summary>
    public static async Task PublishToEveryShardAsync(string prefix, string typeName, int shardCount, string type, byte[] body)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(RabbitMq) };
        await using RabbitMQ.Client.IConnection connection = await factory.CreateConnectionAsync();
        await using RabbitMQ.Client.IChannel channel = await connection.CreateChannelAsync();
        for (int shard = 0; shard < shardCount; shard++)
        {
            await channel.BasicPublishAsync(string.Empty, $"{prefix}.{typeName}.shard.{shard}", mandatory: false, new RabbitMQ.Client.BasicProperties { Type = type }, body);
        }
    }

    /// <summary>Stops and starts the broker's application (the Erlang node and its quorum queues on disk stay).</summary>
    public static async Task RestartRabbitMqAsync(TimeSpan down)
    {
        await RunAsync("rabbitmqctl", "-q", "stop_app");
        await Task.Delay(down);
        await RunAsync("rabbitmqctl", "-q", "start_app");
        await RunAsync("rabbitmqctl", "-q", "await_startup");
    }

    /// <summary>Restarts PostgreSQL with pg_ctl as the postgres user: every connection drops (this process's pooled ones are cleared).</summary>
    public static async Task RestartPostgresAsync()
    {
        string bin = Required("WASGO_TEST_POSTGRES_BIN", "sets it to PostgreSQL's bin folder (scripts/postgres.sh)");
        string data = Required("WASGO_TEST_POSTGRES_DATA", "sets it to the test cluster's data folder (scripts/postgres.sh)");
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "-t", "60", "restart", "-l", Path.Combine(data, "..", "server.log"));
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
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
