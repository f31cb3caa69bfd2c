using System.Diagnostics;
using System.Globalization;
using Npgsql;
using WasGo.Actors.TestKit;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Run;

namespace WasGo.Host.Tests.Cluster;

/// <summary>
/// <c>wasgo run --cluster</c> nodes as separate OS processes against the RabbitMQ and PostgreSQL the
/// test command started, with a database and a queue prefix of their own, removed afterwards.
/// </summary>
internal sealed class HostCluster : IAsyncDisposable
{
    public const int ShardCount = 8;

    private readonly List<RunningHost> _nodes = [];

    private HostCluster(string database, string prefix)
    {
        Database = database;
        Prefix = prefix;
    }

    public string AdminToken { get; } = "cluster-admin-" + Guid.NewGuid().ToString("N");

    public string Database { get; }

    public string Prefix { get; }

    public static async Task<HostCluster> CreateAsync()
    {
        string name = "host_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new HostCluster(new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ToString(), "host-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>Starts a node and waits until it serves HTTP.</summary>
    public async Task<RunningHost> StartNodeAsync(string name)
    {
        RunningHost node = await RunningHost.StartClusterNodeAsync(
            AdminToken,
            "--WasGo:Cluster:RabbitMq=" + RabbitMq,
            "--WasGo:Cluster:PostgreSql=" + Database,
            "--WasGo:Cluster:QueuePrefix=" + Prefix,
            "--WasGo:Cluster:NodeName=" + name,
            "--WasGo:Cluster:ShardCount=" + ShardCount.ToString(CultureInfo.InvariantCulture));
        _nodes.Add(node);
        return node;
    }

    /// <summary>Starts nodes "a" and "b", deploys an example module and creates a world with one entity of it through "a".</summary>
    /// <returns>The nodes and the world's token.</returns>
    public async Task<(RunningHost A, RunningHost B, string Token)> TwoNodesWithAWorldAsync(string worldId, string entityId, string module)
    {
        RunningHost a = await StartNodeAsync("a");
        RunningHost b = await StartNodeAsync("b");
        using HttpClient admin = a.Client();
        await admin.DeployExampleAsync(module);
        string token = await admin.CreateWorldAsync(worldId);
        await admin.SpawnAsync(worldId, entityId, module);
        return (a, b, token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (RunningHost node in _nodes)
        {
            node.Dispose();
        }

        await RabbitMqTestQueues.DeleteAsync(RabbitMq, Prefix, "world", ShardCount);
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(Database).Database} WITH (FORCE)");
    }

    /// <summary>Stops and starts the broker's application (its quorum queues on disk stay): every node loses its connections.</summary>
    public static async Task RestartRabbitMqAsync(TimeSpan down)
    {
        await RunAsync("rabbitmqctl", "-q", "stop_app");
        await Task.Delay(down);
        await RunAsync("rabbitmqctl", "-q", "start_app");
        await RunAsync("rabbitmqctl", "-q", "await_startup");
    }

    /// <summary>Restarts PostgreSQL with pg_ctl as the postgres user: every node's connections drop.</summary>
    public static async Task RestartPostgresAsync()
    {
        string bin = Required("WASGO_TEST_POSTGRES_BIN", "sets it to PostgreSQL's bin folder (scripts/postgres.sh)");
        string data = Required("WASGO_TEST_POSTGRES_DATA", "sets it to the test cluster's data folder (scripts/postgres.sh)");
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "-t", "60", "restart", "-l", Path.Combine(data, "..", "server.log"));
        NpgsqlConnection.ClearAllPools();
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

    private static string RabbitMq => Required("WASGO_TEST_RABBITMQ", "starts RabbitMQ on 127.0.0.1 (scripts/rabbitmq.sh)");

    private static string Postgres => Required("WASGO_TEST_POSTGRES", "starts a private PostgreSQL on 127.0.0.1 (scripts/postgres.sh)");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. Run the tests with scripts/test.sh, which {what} and sets it.");
}
