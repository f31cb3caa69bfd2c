using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.Logging;
using Akka.Actor;
using Akka.Configuration;
using WasGo.Actors.Logging;
using WasGo.Actors.TestKit;
using WasGo.Cluster.Node;
using WasGo.Persistence;
using Xunit.Abstractions;

namespace WasGo.Cluster.Tests;

/// <summary>
/// One test's cluster of account nodes (separate processes) on the real broker and a fresh database,
/// with a proxy in the test process to send load through the shard queues, and the checks every
/// fault test ends with.
/// </summary>
internal sealed class AccountCluster : IAsyncDisposable
{
    public const int ShardCount = 32;

    private readonly ITestOutputHelper _output;
    private readonly ILoggerFactory _logging;
    private readonly ActorSystem _system;
    private readonly ClusterSharding _client;

    private AccountCluster(ITestOutputHelper output, string prefix, string connectionString, MultiNodeCluster nodes, ILoggerFactory logging, ActorSystem system, ClusterSharding client, IActorRef proxy)
    {
        _output = output;
        _logging = logging;
        Prefix = prefix;
        ConnectionString = connectionString;
        Nodes = nodes;
        _system = system;
        _client = client;
        Proxy = proxy;
    }

    public string Prefix { get; }

    public string ConnectionString { get; }

    public MultiNodeCluster Nodes { get; }

    /// <summary>Gets more arguments for the node of an id, read when it starts.</summary>
    public Dictionary<string, string[]> ExtraArguments { get; private init; } = [];

    /// <summary>Gets a proxy region in the test process: every message goes through the shard queues.</summary>
    public IActorRef Proxy { get; }

    public static async Task<AccountCluster> CreateAsync(ITestOutputHelper output)
    {
        string prefix = "test-" + Guid.NewGuid().ToString("N")[..12];
        string connectionString = await TestServers.CreateDatabaseAsync("cluster_");
        string rabbitMq = TestServers.RabbitMq;
        string node = Path.Combine(AppContext.BaseDirectory, "WasGo.Cluster.Node.dll");
        var extraArguments = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var nodes = new MultiNodeCluster(MultiNodeCluster.DotNetNode(
            node,
            id => ["--node", id, "--prefix", prefix, "--shards", ShardCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "--remember", .. extraArguments.GetValueOrDefault(id, [])],
            new Dictionary<string, string> { ["WASGO_TEST_RABBITMQ"] = rabbitMq, ["WASGO_TEST_POSTGRES"] = connectionString }));
        ILoggerFactory logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));
        var system = ActorSystem.Create(
            "client",
            BootstrapSetup.Create().WithConfig(ConfigurationFactory.ParseString("akka.loglevel = WARNING")).And(new LoggerFactorySetup(logging)));
        var client = new ClusterSharding(
            system,
            new ClusterShardingOptions { NodeId = "test-client-" + prefix, ShardCount = ShardCount },
            ShardTransportFactory.RabbitMq(new RabbitMqTransportOptions { Uri = rabbitMq, QueuePrefix = prefix }),
            SampleTypes.Serializer());
        IActorRef proxy = await client.StartProxyAsync(SampleTypes.Account, new HashCodeMessageExtractor(ShardCount));
        return new AccountCluster(output, prefix, connectionString, nodes, logging, system, client, proxy) { ExtraArguments = extraArguments };
    }

    public static IEnumerable<string> AccountIds(int count, string prefix = "acct-") => Enumerable.Range(0, count).Select(i => prefix + i);

    /// <summary>Gets the shards active on a node and their entity counts, as the node itself sees them.</summary>
    public static async Task<Dictionary<int, int>> LocalShardsAsync(ClusterNodeProcess node)
    {
        string answer = await node.SendAsync("state " + SampleTypes.Account, TimeSpan.FromSeconds(30));
        return JsonSerializer.Deserialize<Dictionary<string, int>>(answer)!.ToDictionary(s => int.Parse(s.Key, System.Globalization.CultureInfo.InvariantCulture), s => s.Value);
    }

    /// <summary>Gets, per running node, the shards it has active.</summary>
    public async Task<Dictionary<string, Dictionary<int, int>>> OwnershipAsync()
    {
        var owners = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
        foreach (ClusterNodeProcess node in Nodes.Running())
        {
            owners[node.NodeId] = await LocalShardsAsync(node);
        }

        return owners;
    }

    /// <summary>Whether every shard is active on exactly one running node and no node holds more than its fair share.</summary>
    public async Task<bool> IsBalancedAsync()
    {
        Dictionary<string, Dictionary<int, int>> owners = await OwnershipAsync();
        int fairShare = (ShardCount + owners.Count - 1) / owners.Count;
        List<int> all = [.. owners.Values.SelectMany(o => o.Keys)];
        return all.Count == ShardCount && all.Distinct().Count() == ShardCount && owners.Values.All(o => o.Count <= fairShare);
    }

    public static async Task AwaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout} for {what}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Stops the load and checks every account in the database: each acknowledged deposit is there,
    /// none took effect twice (Repeats) and none was skipped (Gaps).
    /// </summary>
    public async Task VerifyAsync(DepositLoad load)
    {
        await load.StopAsync();
        load.Failed.Should().BeEmpty("every call should be answered (a failure: {0})", load.Failed.Values.Select(f => f.Error).FirstOrDefault());

        // A provider of its own: one opened before a database restart holds dead connections.
        await using IPersistenceProvider database = await PostgreSqlPersistence.OpenAsync(new PostgreSqlPersistenceOptions { ConnectionString = ConnectionString });
        foreach (string account in load.Accounts)
        {
            AccountState state = await ReadAccountAsync(database, account);
            long acknowledged = load.Acknowledged.GetValueOrDefault(account);
            state.Repeats.Should().Be(0, "no deposit to {0} may take effect twice", account);
            state.Gaps.Should().Be(0, "no deposit to {0} may be skipped", account);
            state.LastSeq.Should().Be(acknowledged, "every acknowledged deposit to {0} is stored, and nothing else", account);
            state.Balance.Should().Be(acknowledged, "each deposit adds 1 once");
        }

        Dictionary<string, Dictionary<int, int>> owners = await OwnershipAsync();
        List<int> shards = [.. owners.Values.SelectMany(o => o.Keys)];
        shards.Should().OnlyHaveUniqueItems("no shard may be active on two nodes");
        _output.WriteLine($"Verified {load.Accounts.Count} accounts, {load.Calls} acknowledged deposits; shards per node: {string.Join(", ", owners.Select(o => $"{o.Key}={o.Value.Count}"))}");
    }

    private static async Task<AccountState> ReadAccountAsync(IPersistenceProvider database, string account)
    {
        DurableStateRecord record = await database.DurableState.GetAsync("account/" + account)
            ?? throw new InvalidOperationException($"Account {account} has no stored state.");
        return JsonSerializer.Deserialize<DurableEntityRecord<AccountState>>(record.Payload.Span)!.State;
    }

    public int CountOutput(string node, string text) => Nodes[node].Output.Count(line => line.Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        foreach (ClusterNodeProcess node in Nodes.Nodes.Values)
        {
            foreach (string line in node.Output.Where(l => l.Contains("warn", StringComparison.Ordinal) || l.Contains("fail", StringComparison.Ordinal)).Take(15))
            {
                _output.WriteLine($"[{node.NodeId}] {line}");
            }
        }

        await Nodes.DisposeAsync();
        await _client.DisposeAsync();
        await _system.Terminate();
        _logging.Dispose();
        await RabbitMqTestQueues.DeleteAsync(TestServers.RabbitMq, Prefix, SampleTypes.Account, ShardCount);
        await TestServers.DropDatabaseAsync(ConnectionString);
    }
}
