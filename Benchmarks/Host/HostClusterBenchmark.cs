using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WasGo.Actors.TestKit;
using WasGo.Host.Demo;
using WasGo.Host.Hosting;

namespace WasGo.Benchmarks.Host;

/// <summary>
/// <c>hostcluster</c>: two <c>wasgo run --cluster</c> nodes (in this process, an Akka.NET cluster on
/// 127.0.0.1 with its journals on the real PostgreSQL) serving one world. HTTP callers call its
/// counters through the node that runs the world (the baseline: in memory) and then through the
/// other node (each call crosses Akka.Remote twice, there and back), for the same fixed time;
/// every call must return its counter's next value.
/// </summary>
public static class HostClusterBenchmark
{
    private const string AdminToken = "cluster-bench-token";
    private const string WorldId = "bench";
    private const int ShardCount = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        int seconds = HostLoadTest.Argument(args, 0, 10);
        int callers = HostLoadTest.Argument(args, 1, 32);
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

            string owner = await OwnerAsync(viaA);
            (HttpClient local, HttpClient remote) = owner == "a" ? (viaA, viaB) : (viaB, viaA);
            Console.WriteLine($"host cluster: {seconds} s per phase, world at {tickRate} ticks/s on node {owner}, {callers} callers, {Environment.ProcessorCount} cores");
            LatencyRecorder same = await HostLoadTest.PhaseAsync(seconds, callers, caller => HostLoadTest.IncrementOverHttpAsync(local, WorldId, "c" + (caller * 2)));
            LatencyRecorder cross = await HostLoadTest.PhaseAsync(seconds, callers, caller => HostLoadTest.IncrementOverHttpAsync(remote, WorldId, "c" + (caller * 2 + 1)));

            Console.WriteLine();
            Console.WriteLine("| path | calls | errors | calls/s | p50 ms | p99 ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            HostLoadTest.Row("HTTP to the node that runs the world (baseline)", same, seconds);
            HostLoadTest.Row("HTTP to the other node: through Akka.Remote to the world and back", cross, seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cross-node/same-node: p50 {cross.Percentile(0.5) / same.Percentile(0.5):F2}x, calls/s {cross.Count / (double)Math.Max(1, same.Count):F2}x"));
            return same.Errors + cross.Errors == 0 ? 0 : 1;
        }
        finally
        {
            await StopAsync(b);
            await StopAsync(a);
            await TestServers.DropDatabaseAsync(connectionString);
        }
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

    /// <summary>Reads the shard map until both nodes are in it and one runs the world.</summary>
    private static async Task<string> OwnerAsync(HttpClient admin)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using JsonDocument map = JsonDocument.Parse(await admin.GetStringAsync("/api/cluster/shards", timeout.Token));
            JsonElement[] nodes = [.. map.RootElement.GetProperty("nodes").EnumerateArray()];
            if (nodes.Length == 2 && nodes.FirstOrDefault(n => n.GetProperty("worlds").GetInt32() == 1) is { ValueKind: JsonValueKind.Object } owner)
            {
                return owner.GetProperty("node").GetString()!;
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
