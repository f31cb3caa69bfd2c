using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using WasGo.Actors.TestKit;
using WasGo.Cluster;
using WasGo.Cluster.Node;

namespace WasGo.Benchmarks.Cluster;

/// <summary>
/// <c>cluster</c>: calls to echo entities between real node processes on the real RabbitMQ, in one
/// run: same-node calls (the shard is active on the calling node, delivered in memory) beside
/// cross-node calls (a proxy node calls a node that owns every shard, through the shard queues);
/// then SIGKILL of an owner under load and the time until its shards serve again elsewhere.
/// </summary>
public static class ClusterBenchmark
{
    private const int Shards = 64;

    public static async Task RunAsync(int seconds, int concurrency)
    {
        string rabbitMq = Environment.GetEnvironmentVariable("WASGO_TEST_RABBITMQ") ?? throw new InvalidOperationException("Set WASGO_TEST_RABBITMQ to the broker's AMQP URI (scripts/rabbitmq.sh does).");
        string postgres = Environment.GetEnvironmentVariable("WASGO_TEST_POSTGRES") ?? throw new InvalidOperationException("Set WASGO_TEST_POSTGRES to a PostgreSQL connection string (scripts/postgres.sh does).");
        string prefix = "bench-" + Guid.NewGuid().ToString("N")[..8];
        string node = Path.Combine(AppContext.BaseDirectory, "WasGo.Cluster.Node.dll");
        var environment = new Dictionary<string, string> { ["WASGO_TEST_RABBITMQ"] = rabbitMq, ["WASGO_TEST_POSTGRES"] = postgres };
        await using var cluster = new MultiNodeCluster(MultiNodeCluster.DotNetNode(
            node,
            id => ["--node", id, "--prefix", prefix, "--shards", Shards.ToString(CultureInfo.InvariantCulture), "--types", SampleTypes.Echo, .. id.StartsWith("proxy", StringComparison.Ordinal) ? new[] { "--proxy" } : []],
            environment));

        Console.WriteLine($"cluster: echo entities, {Shards} shards, {concurrency} calls in flight, {seconds} s per measurement");
        ClusterNodeProcess owner = await cluster.StartNodeAsync("owner");
        ClusterNodeProcess proxy = await cluster.StartNodeAsync("proxy");
        string command = $"bench {SampleTypes.Echo} 1000 {seconds} {concurrency}";
        TimeSpan limit = TimeSpan.FromSeconds(seconds + 60);
        await owner.SendAsync(command.Replace($" {seconds} ", " 2 ", StringComparison.Ordinal), limit);
        await proxy.SendAsync(command.Replace($" {seconds} ", " 2 ", StringComparison.Ordinal), limit);
        Console.WriteLine($"same node  (in memory):          {await owner.SendAsync(command, limit)}");
        Console.WriteLine($"cross node (proxy → owner):      {await proxy.SendAsync(command, limit)}");
        Console.WriteLine($"cross node, one call in flight:  {await proxy.SendAsync($"bench {SampleTypes.Echo} 1000 {seconds} 1", limit)}");

        await FailOverAsync(cluster, rabbitMq, prefix);
        await RabbitMqTestQueues.DeleteAsync(rabbitMq, prefix, SampleTypes.Echo, Shards);
    }

    /// <summary>Three owners under load; SIGKILL one; time until a call to an entity of its shards is answered again.</summary>
    private static async Task FailOverAsync(MultiNodeCluster cluster, string rabbitMq, string prefix)
    {
        await cluster.StartNodesAsync("b", "c");
        ActorSystem system = ActorSystem.Create("bench-client");
        try
        {
            await using var client = new ClusterSharding(
                system,
                new ClusterShardingOptions { NodeId = "bench-client-" + prefix, ShardCount = Shards },
                ShardTransportFactory.RabbitMq(new RabbitMqTransportOptions { Uri = rabbitMq, QueuePrefix = prefix }),
                SampleTypes.Serializer());
            IActorRef region = await client.StartProxyAsync(SampleTypes.Echo, new HashCodeMessageExtractor(Shards));
            foreach (string victim in new[] { "owner", "b" })
            {
                Dictionary<int, int> shards = await WaitForShardsAsync(cluster[victim]);
                string entity = Enumerable.Range(0, 10_000).Select(i => "failover-" + i).First(id => shards.ContainsKey(HashCodeMessageExtractor.ShardIdOf(id, Shards)));
                await region.Ask<Echo>(new ShardingEnvelope(entity, new Echo(0)), TimeSpan.FromSeconds(30));

                var clock = Stopwatch.StartNew();
                cluster[victim].Kill();
                await region.Ask<Echo>(new ShardingEnvelope(entity, new Echo(1)), TimeSpan.FromSeconds(60));
                Console.WriteLine($"fail-over: SIGKILL of {victim} ({shards.Count} shards) → its entity served again after {clock.Elapsed.TotalMilliseconds:F0} ms");
                if (victim == "owner")
                {
                    await cluster.StartNodeAsync("d");
                }
            }
        }
        finally
        {
            // Akka's actor system is not IAsyncDisposable: terminated after the client that uses it is disposed.
            await system.Terminate();
        }
    }

    /// <summary>Waits until the node has settled into its share (rebalancing after joins).</summary>
    private static async Task<Dictionary<int, int>> WaitForShardsAsync(ClusterNodeProcess node)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string answer = await node.SendAsync("state " + SampleTypes.Echo, TimeSpan.FromSeconds(30));
            Dictionary<string, int> shards = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(answer)!;
            if ((shards.Count > 0 && shards.Count <= (Shards + 2) / 3) || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return shards.ToDictionary(s => int.Parse(s.Key, CultureInfo.InvariantCulture), s => s.Value);
            }

            await Task.Delay(200);
        }
    }
}
