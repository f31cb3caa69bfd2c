using System.Globalization;
using WasGo.Actors.TestKit;
using WasGo.Host.Tests.Http;
using WasGo.Host.Tests.Run;

namespace WasGo.Host.Tests.Cluster;

/// <summary>
/// <c>wasgo run --cluster</c> nodes as separate OS processes: an Akka.NET cluster on 127.0.0.1, its
/// journals in a database of its own on the PostgreSQL the test command started, dropped afterwards.
/// The first node joins itself; each later one is given the running nodes as its seeds.
/// </summary>
internal sealed class HostCluster : IAsyncDisposable
{
    public const int ShardCount = 8;

    private readonly List<(RunningHost Node, string Address)> _nodes = [];

    private HostCluster(string database)
    {
        Database = database;
    }

    public string AdminToken { get; } = "cluster-admin-" + Guid.NewGuid().ToString("N");

    public string Database { get; }

    public static async Task<HostCluster> CreateAsync() => new(await TestServers.CreateDatabaseAsync("host_"));

    /// <summary>Starts a node, with settings of its own if given, and waits until it serves HTTP.</summary>
    public async Task<RunningHost> StartNodeAsync(string name, params string[] settings)
    {
        int port = FreePort.Next();
        string address = "akka.tcp://wasgo@127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        string[] seeds = [.. _nodes.Where(n => !n.Node.Process.HasExited).Select(n => n.Address).DefaultIfEmpty(address)];
        RunningHost node = await RunningHost.StartClusterNodeAsync(
            AdminToken,
            [
                "--WasGo:Cluster:PostgreSql=" + Database,
                "--WasGo:Cluster:NodeName=" + name,
                "--WasGo:Cluster:Port=" + port.ToString(CultureInfo.InvariantCulture),
                "--WasGo:Cluster:ShardCount=" + ShardCount.ToString(CultureInfo.InvariantCulture),
                .. seeds.Select((seed, i) => $"--WasGo:Cluster:SeedNodes:{i}={seed}"),
                .. settings,
            ]);
        _nodes.Add((node, address));
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
        foreach ((RunningHost node, _) in _nodes)
        {
            node.Dispose();
        }

        await TestServers.DropDatabaseAsync(Database);
    }
}
