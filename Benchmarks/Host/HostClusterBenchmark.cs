using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Akka.Actor;
using Akka.Cluster.Sharding;
using WasGo.Actors.TestKit;
using WasGo.Actors.Worlds;
using WasGo.Host.Cluster;
using WasGo.Scripting;
using WasGo.Host.Demo;
using WasGo.Host.Hosting;

namespace WasGo.Benchmarks.Host;

/// <summary>
/// <c>hostcluster</c>: two <c>wasgo run --cluster</c> nodes (in this process, an Akka.NET cluster on
/// 127.0.0.1 with its journals on the real PostgreSQL) serving one world. HTTP callers call its
/// counters through the node that runs the world (the baseline: in memory) and then through the
/// other node (each call crosses Akka.Remote twice, there and back), for the same fixed time;
/// every call must return its counter's next value. Then the same without HTTP: asks of the shard
/// region, many in flight, to a world at 1,000 ticks a second (each tick persists its inputs to
/// PostgreSQL as one event) from the node that runs it and from the other, in the binary serializer.
/// </summary>
public static class HostClusterBenchmark
{
    private const string AdminToken = "cluster-bench-token";
    private const string WorldId = "bench";
    private const string FastWorldId = "fast";
    private const int ShardCount = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        int seconds = HostLoadTest.Argument(args, 0, 10);
        int callers = HostLoadTest.Argument(args, 1, 32);
        int asks = HostLoadTest.Argument(args, 2, 256);
        const double tickRate = 60;
        string connectionString = await TestServers.CreateDatabaseAsync("bench_");
        int portA = FreePort.Next();
        WebApplication a = Node("a", portA, portA, connectionString);
        WebApplication b = Node("b", FreePort.Next(), portA, connectionString);
        try
        {
            await a.StartAsync();
            await b.StartAsync();
            using HttpClient viaA = Client(a, callers);
            using HttpClient viaB = Client(b, callers);
            (await viaA.PostAsync("/api/modules/counter", new ByteArrayContent(ExampleModules.Read("counter")))).EnsureSuccessStatusCode();
            (await viaA.PostAsJsonAsync("/api/worlds", new { id = WorldId, tickRate })).EnsureSuccessStatusCode();
            for (int i = 0; i < callers * 2; i++)
            {
                (await viaA.PostAsJsonAsync($"/api/worlds/{WorldId}/entities", new { id = "c" + i, module = "counter" })).EnsureSuccessStatusCode();
            }

            (await viaA.PostAsJsonAsync("/api/worlds", new { id = FastWorldId, tickRate = WorldOptions.MaxTickRate })).EnsureSuccessStatusCode();
            for (int i = 0; i < asks * 2; i++)
            {
                (await viaA.PostAsJsonAsync($"/api/worlds/{FastWorldId}/entities", new { id = "c" + i, module = "counter" })).EnsureSuccessStatusCode();
            }

            string owner = await OwnerAsync(a, b, WorldId);
            string fastOwner = await OwnerAsync(a, b, FastWorldId);
            (HttpClient local, HttpClient remote) = owner == "a" ? (viaA, viaB) : (viaB, viaA);
            Console.WriteLine($"host cluster: {seconds} s per phase, world at {tickRate} ticks/s on node {owner}, {callers} callers, {Environment.ProcessorCount} cores");
            LatencyRecorder same = await HostLoadTest.PhaseAsync(seconds, callers, caller => HostLoadTest.IncrementOverHttpAsync(local, WorldId, "c" + (caller * 2)));
            LatencyRecorder cross = await HostLoadTest.PhaseAsync(seconds, callers, caller => HostLoadTest.IncrementOverHttpAsync(remote, WorldId, "c" + (caller * 2 + 1)));
            (IActorRef localRegion, IActorRef remoteRegion) = fastOwner == "a" ? (Region(a), Region(b)) : (Region(b), Region(a));
            LatencyRecorder sameAsks = await HostLoadTest.PhaseAsync(seconds, asks, caller => IncrementByAskAsync(localRegion, "c" + (caller * 2)));
            LatencyRecorder crossAsks = await HostLoadTest.PhaseAsync(seconds, asks, caller => IncrementByAskAsync(remoteRegion, "c" + (caller * 2 + 1)));

            // A repeated key is answered from the world's kept answers, with no tick and no journal: what is left is the way there and back.
            LatencyRecorder sameRepeats = await HostLoadTest.PhaseAsync(seconds, asks, caller => IncrementByAskAsync(localRegion, "c" + (caller * 2), "same-" + caller), repeats: true);
            LatencyRecorder crossRepeats = await HostLoadTest.PhaseAsync(seconds, asks, caller => IncrementByAskAsync(remoteRegion, "c" + (caller * 2 + 1), "cross-" + caller), repeats: true);

            Console.WriteLine();
            Console.WriteLine("| path | calls | errors | calls/s | p50 ms | p99 ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            HostLoadTest.Row("HTTP to the node that runs the world (baseline)", same, seconds);
            HostLoadTest.Row("HTTP to the other node: through Akka.Remote to the world and back", cross, seconds);
            HostLoadTest.Row($"asks of the region on the node that runs the world at {WorldOptions.MaxTickRate} ticks/s, {asks} in flight (baseline)", sameAsks, seconds);
            HostLoadTest.Row($"asks of the region on the other node, {asks} in flight: through Akka.Remote and back", crossAsks, seconds);
            HostLoadTest.Row($"repeats of an answered Idempotency-Key (no tick, no journal) on the node that runs the world, {asks} in flight (baseline)", sameRepeats, seconds);
            HostLoadTest.Row($"repeats of an answered Idempotency-Key from the other node, {asks} in flight", crossRepeats, seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTTP cross-node/same-node: p50 {cross.Percentile(0.5) / same.Percentile(0.5):F2}x, calls/s {cross.Count / (double)Math.Max(1, same.Count):F2}x"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"asks cross-node/same-node: p50 {crossAsks.Percentile(0.5) / sameAsks.Percentile(0.5):F2}x, calls/s {crossAsks.Count / (double)Math.Max(1, sameAsks.Count):F2}x"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"repeats cross-node/same-node: p50 {crossRepeats.Percentile(0.5) / sameRepeats.Percentile(0.5):F2}x, calls/s {crossRepeats.Count / (double)Math.Max(1, sameRepeats.Count):F2}x"));
            return same.Errors + cross.Errors + sameAsks.Errors + crossAsks.Errors + sameRepeats.Errors + crossRepeats.Errors == 0 ? 0 : 1;
        }
        finally
        {
            await StopAsync(b);
            await StopAsync(a);
            await TestServers.DropDatabaseAsync(connectionString);
        }
    }

    private static IActorRef Region(WebApplication node) => node.Services.GetRequiredService<WorldSharding>().Worlds;

    /// <summary>Calls <c>increment(1)</c> of a counter of the fast world through a node's shard region, with an idempotency key if given, and returns its new value.</summary>
    private static async Task<long> IncrementByAskAsync(IActorRef region, string entityId, string? key = null)
    {
        var call = new WorldCall(entityId, "increment", [ScriptValue.FromInteger(1)]);
        CallResult result = await region.Ask<CallResult>(new ShardingEnvelope(FastWorldId, key is null ? call : new IdempotentInput(key, call)), TimeSpan.FromSeconds(10));
        return result.IsSuccess ? result.Value.AsInteger() : throw new InvalidOperationException(result.Error!.ToString());
    }

    private static WebApplication Node(string name, int port, int seedPort, string postgres) => WasGoApplication.Build(
    [
        "--WasGo:Cluster:Enabled=true", "--WasGo:Cluster:PostgreSql=" + postgres, "--WasGo:Cluster:NodeName=" + name,
        "--WasGo:Cluster:Port=" + port.ToString(CultureInfo.InvariantCulture),
        "--WasGo:Cluster:SeedNodes:0=akka.tcp://wasgo@127.0.0.1:" + seedPort.ToString(CultureInfo.InvariantCulture),
        "--WasGo:Cluster:ShardCount=" + ShardCount.ToString(CultureInfo.InvariantCulture), "--WasGo:Auth:AdminToken=" + AdminToken,
        "--WasGo:Storage:DataPath=" + Path.Combine(Path.GetTempPath(), "wasgo-bench-" + name), "--urls=http://127.0.0.1:0",
        "--Logging:LogLevel:Default=Warning",
    ]);

    private static HttpClient Client(WebApplication node, int callers)
    {
        string url = node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = callers }) { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>Asks each node's region which worlds run there until one runs <paramref name="worldId"/>.</summary>
    private static async Task<string> OwnerAsync(WebApplication a, WebApplication b, string worldId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            foreach ((string name, WebApplication node) in new[] { ("a", a), ("b", b) })
            {
                CurrentShardRegionState here = await node.Services.GetRequiredService<WorldSharding>().LocalShardsAsync(timeout.Token);
                if (here.Shards.Any(shard => shard.EntityIds.Contains(worldId)))
                {
                    return name;
                }
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private static async Task StopAsync(WebApplication node)
    {
        await node.StopAsync();
        await node.DisposeAsync();
    }
}
