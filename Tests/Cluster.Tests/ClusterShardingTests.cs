using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Cluster.Node;
using Xunit.Abstractions;

namespace WasGo.Cluster.Tests;

/// <summary>
/// Sharding across real node processes on the real RabbitMQ and PostgreSQL: routing, rebalancing,
/// hand-off, and the faults the cluster must survive without losing or repeating an effect.
/// </summary>
public sealed class ClusterShardingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);
    private AccountCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await AccountCluster.CreateAsync(output);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Calls_Should_ReachEntitiesOnEveryNode_FromAnyNode()
    {
        IReadOnlyList<ClusterNodeProcess> nodes = await _cluster.Nodes.StartNodesAsync("a", "b", "c");
        await AccountCluster.AwaitAsync(_cluster.IsBalancedAsync, Settle, "the shards to spread over three nodes");

        var servedBy = new HashSet<string>(StringComparer.Ordinal);
        int account = 0;
        foreach (ClusterNodeProcess caller in nodes)
        {
            for (int i = 0; i < 10; i++, account++)
            {
                string answer = await caller.SendAsync($"deposit call-{account} 1 5", TimeSpan.FromSeconds(30));
                Deposited deposited = JsonSerializer.Deserialize<Deposited>(answer) ?? throw new InvalidOperationException(answer);
                deposited.Should().Be(deposited with { EntityId = $"call-{account}", Seq = 1, Balance = 5 });
                servedBy.Add(deposited.Node);
            }
        }

        servedBy.Should().BeEquivalentTo(["a", "b", "c"], "30 accounts hash to shards on every node, and each node reaches all of them");
    }

    [Fact]
    public async Task MalformedBrokerMessages_Should_BeDropped_WithoutStoppingTheNode()
    {
        ClusterNodeProcess node = await _cluster.Nodes.StartNodeAsync("a");
        await AccountCluster.AwaitAsync(async () => (await AccountCluster.LocalShardsAsync(node)).Count == AccountCluster.ShardCount, Settle, "node a to own every shard");

        await ForeignSender.PublishToEveryShardAsync(_cluster.Prefix, SampleTypes.Account, AccountCluster.ShardCount, "wasgo.envelopes", [1, 200, 0, 0, 0, 7]);

        await AccountCluster.AwaitAsync(() => Task.FromResult(_cluster.CountOutput("a", "malformed") >= AccountCluster.ShardCount), Settle, "every malformed message to be reported");
        (await node.SendAsync("deposit after-junk 1 1", TimeSpan.FromSeconds(30))).Should().Contain("\"Balance\":1");
    }

    [Fact]
    public async Task NodeJoin_Should_RebalanceShards_WithoutLosingMessages()
    {
        await _cluster.Nodes.StartNodeAsync("a");
        await AccountCluster.AwaitAsync(async () => (await AccountCluster.LocalShardsAsync(_cluster.Nodes["a"])).Count == AccountCluster.ShardCount, Settle, "node a to own every shard");
        var load = new DepositLoad(_cluster.Proxy, AccountCluster.AccountIds(24));
        await load.AwaitProgressAsync(200, Settle);

        await _cluster.Nodes.StartNodesAsync("b", "c");
        await AccountCluster.AwaitAsync(_cluster.IsBalancedAsync, Settle, "the shards to spread over three nodes");
        await load.AwaitProgressAsync(200, Settle);
        await AccountCluster.AwaitAsync(
            async () => await StatsAsync("a") is var stats && stats.Values.Count(s => s.Count > 0) == 3 && stats.Values.Sum(s => s.Count) == AccountCluster.ShardCount,
            Settle,
            "node a's cluster view (from heartbeats) to show three regions sharing every shard (the test's proxy owns none)");

        await _cluster.VerifyAsync(load);
        load.LastNode.Values.Distinct().Should().HaveCountGreaterThan(1, "after the join, accounts are served by the new nodes too");
    }

    [Fact]
    public async Task GracefulLeave_Should_HandOffShards_WithNothingLost()
    {
        DepositLoad load = await StartThreeNodesUnderLoadAsync(24);

        (await _cluster.Nodes["c"].SendAsync("leave", Settle)).Should().Be("LEFT");
        (await _cluster.Nodes["c"].WaitForExitAsync(Settle)).Should().Be(0);
        await AccountCluster.AwaitAsync(_cluster.IsBalancedAsync, Settle, "the two remaining nodes to own every shard");
        await load.AwaitProgressAsync(300, Settle);

        await _cluster.VerifyAsync(load);
    }

    [Fact]
    public async Task SigKill_UnderLoad_Should_FailOverShards_WithoutLosingAcknowledgedMessages()
    {
        DepositLoad load = await StartThreeNodesUnderLoadAsync(32);
        Dictionary<int, int> victimShards = await AccountCluster.LocalShardsAsync(_cluster.Nodes["c"]);
        string victimAccount = AccountCluster.AccountIds(1000, "probe-").First(a => victimShards.ContainsKey(HashCodeMessageExtractor.ShardIdOf(a, AccountCluster.ShardCount)));

        var clock = Stopwatch.StartNew();
        _cluster.Nodes["c"].Kill();
        Deposited served = await _cluster.Proxy.Ask<Deposited>(new ShardingEnvelope(victimAccount, new Deposit(1, 1)), TimeSpan.FromSeconds(30));
        TimeSpan serving = clock.Elapsed;
        await AccountCluster.AwaitAsync(async () => (await _cluster.OwnershipAsync()).Values.Sum(o => o.Count) == AccountCluster.ShardCount, Settle, "the killed node's shards to be active elsewhere");
        TimeSpan allActive = clock.Elapsed;
        output.WriteLine($"SIGKILL → a shard of the killed node served again after {serving.TotalMilliseconds:F0} ms; all its shards active elsewhere after {allActive.TotalMilliseconds:F0} ms");
        served.Node.Should().NotBe("c");

        await load.AwaitProgressAsync(300, Settle);
        await _cluster.VerifyAsync(load);
    }

    [Fact]
    public async Task SigStop_LongerThanTheHeartbeat_Should_FenceTheFrozenNode_AndApplyNothingTwice()
    {
        // Its writes start late (a slow disk), so when frozen it holds effects computed but not written.
        _cluster.ExtraArguments["c"] = ["--write-delay-ms", "40"];
        DepositLoad load = await StartThreeNodesUnderLoadAsync(32);

        ClusterNodeProcess frozen = _cluster.Nodes["c"];
        frozen.Suspend();

        // The broker drops the frozen node's connection after its heartbeat times out; its shards move on.
        await AccountCluster.AwaitAsync(
            async () => (await AccountCluster.LocalShardsAsync(_cluster.Nodes["a"])).Count + (await AccountCluster.LocalShardsAsync(_cluster.Nodes["b"])).Count == AccountCluster.ShardCount,
            Settle,
            "nodes a and b to take over the frozen node's shards");
        await load.AwaitProgressAsync(500, Settle);
        frozen.Resume();

        // Awake, it still holds messages that were redelivered elsewhere: its writes of them are refused.
        await AccountCluster.AwaitAsync(_cluster.IsBalancedAsync, Settle, "the thawed node to rejoin and the shards to rebalance");
        await load.AwaitProgressAsync(300, Settle);
        await _cluster.VerifyAsync(load);
        int refused = _cluster.CountOutput("c", "FENCED");
        output.WriteLine($"Writes refused on the thawed node: {refused}");
        refused.Should().BePositive("the thawed node went on with messages other nodes had applied since, and its writes of them must be refused");
    }

    [Fact]
    public async Task BrokerRestart_UnderLoad_Should_LoseNothing_AndRestoreBalance()
    {
        DepositLoad load = await StartThreeNodesUnderLoadAsync(24);

        await TestServers.RestartRabbitMqAsync(TimeSpan.FromSeconds(2));

        await load.AwaitProgressAsync(300, Settle);
        await AccountCluster.AwaitAsync(_cluster.IsBalancedAsync, Settle, "the shards to rebalance after the broker restart");
        await _cluster.VerifyAsync(load);
    }

    [Fact]
    public async Task DatabaseRestart_UnderLoad_Should_LoseNothing()
    {
        DepositLoad load = await StartThreeNodesUnderLoadAsync(24);

        await TestServers.RestartPostgresAsync();

        await load.AwaitProgressAsync(300, Settle);
        await _cluster.VerifyAsync(load);
    }

    [Fact]
    public async Task RememberedEntities_Should_RestartWhereTheirShardMoves()
    {
        await _cluster.Nodes.StartNodeAsync("a");
        await AccountCluster.AwaitAsync(async () => (await AccountCluster.LocalShardsAsync(_cluster.Nodes["a"])).Count == AccountCluster.ShardCount, Settle, "node a to own every shard");
        foreach (string account in AccountCluster.AccountIds(20))
        {
            await _cluster.Proxy.Ask<Deposited>(new ShardingEnvelope(account, new Deposit(1, 1)), TimeSpan.FromSeconds(30));
        }

        await _cluster.Nodes.StartNodeAsync("b");
        await AccountCluster.AwaitAsync(_cluster.IsBalancedAsync, Settle, "the shards to spread over two nodes");

        // No message went to the accounts since the move: node b runs its share only because they are remembered.
        await AccountCluster.AwaitAsync(
            async () => (await _cluster.OwnershipAsync()).Values.Sum(o => o.Values.Sum()) == 20 && (await AccountCluster.LocalShardsAsync(_cluster.Nodes["b"])).Values.Sum() > 0,
            Settle,
            "the 20 remembered accounts to run again, some on node b");
    }

    /// <summary>Starts nodes a, b and c, waits until they share the shards, and puts deposits to <paramref name="accounts"/> accounts under way.</summary>
    private async Task<DepositLoad> StartThreeNodesUnderLoadAsync(int accounts)
    {
        await _cluster.Nodes.StartNodesAsync("a", "b", "c");
        await AccountCluster.AwaitAsync(_cluster.IsBalancedAsync, Settle, "the shards to spread over three nodes");
        var load = new DepositLoad(_cluster.Proxy, AccountCluster.AccountIds(accounts));
        await load.AwaitProgressAsync(300, Settle);
        return load;
    }

    /// <summary>Gets a node's view of the cluster (GetClusterShardingStats): per node, its shards and their entity counts.</summary>
    private async Task<Dictionary<string, Dictionary<string, int>>> StatsAsync(string node) =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int>>>(await _cluster.Nodes[node].SendAsync("stats " + SampleTypes.Account, TimeSpan.FromSeconds(30)))!;
}
