using System.Globalization;
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

    public static async Task<HostCluster> CreateAsync() =>
        new(await TestServers.CreateDatabaseAsync("host_"), "host-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Starts a node and waits until it serves HTTP.</summary>
    public async Task<RunningHost> StartNodeAsync(string name)
    {
        RunningHost node = await RunningHost.StartClusterNodeAsync(
            AdminToken,
            "--WasGo:Cluster:RabbitMq=" + TestServers.RabbitMq,
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

        await RabbitMqTestQueues.DeleteAsync(TestServers.RabbitMq, Prefix, "world", ShardCount);
        await TestServers.DropDatabaseAsync(Database);
    }
}
