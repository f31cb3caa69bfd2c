using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WasGo.Actors.TestKit;
using WasGo.Host.Demo;

namespace WasGo.Benchmarks.Host;

/// <summary>
/// <c>failover</c>: three <c>wasgo run --cluster</c> processes on 127.0.0.1 (journals on the
/// PostgreSQL <c>WASGO_TEST_POSTGRES</c> names) and one world with a counter. Each round stops the
/// node that runs the world and times until a survivor answers a call to it (sent again with the same
/// <c>Idempotency-Key</c> until it is answered), then starts a node in its place. The baseline, in the
/// same run: rounds that stop the node gracefully (SIGTERM: the shard is handed off); then rounds that
/// kill it (SIGKILL: failure detection, the Split Brain Resolver, then the world restarts remembered).
/// </summary>
public static class FailOverBenchmark
{
    private const string AdminToken = "failover-bench-token";
    private const string WorldId = "failover";
    private const int SigKill = 9;
    private const int SigTerm = 15;

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = HostLoadTest.Argument(args, 0, 5);
        string database = await TestServers.CreateDatabaseAsync("failover_");
        var nodes = new List<Node>();
        int started = 0;
        try
        {
            for (; started < 3; started++)
            {
                nodes.Add(await Node.StartAsync("n" + started, database, nodes));
            }

            using HttpClient admin = nodes[0].Client();
            (await admin.PostAsync("/api/modules/counter", new ByteArrayContent(ExampleModules.Read("counter")))).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync("/api/worlds", new { id = WorldId })).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync($"/api/worlds/{WorldId}/entities", new { id = "c", module = "counter" })).EnsureSuccessStatusCode();
            long count = 0;
            var times = new Dictionary<int, List<double>> { [SigTerm] = [], [SigKill] = [] };
            foreach (int signal in new[] { SigTerm, SigKill })
            {
                for (int round = 0; round < rounds; round++)
                {
                    using (HttpClient any = nodes[0].Client())
                    {
                        count = await CallAsync(any, count, $"warm-{signal}-{round}", TimeSpan.FromSeconds(60)); // the world runs somewhere
                    }

                    Node owner = await OwnerAsync(nodes);
                    Node survivor = nodes.First(n => n != owner);
                    using HttpClient viaSurvivor = survivor.Client();
                    var clock = Stopwatch.StartNew();
                    owner.Process.Signal(signal);
                    count = await CallAsync(viaSurvivor, count, $"round-{signal}-{round}", TimeSpan.FromSeconds(120));
                    times[signal].Add(clock.Elapsed.TotalSeconds);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(signal == SigKill ? "SIGKILL" : "SIGTERM")} of {owner.Name}: the world answered from {survivor.Name} after {clock.Elapsed.TotalSeconds:F2} s (count {count})"));

                    await owner.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
                    owner.Process.Dispose();
                    nodes.Remove(owner);
                    nodes.Add(await Node.StartAsync("n" + started++, database, nodes));
                }
            }

            double graceful = Median(times[SigTerm]);
            double killed = Median(times[SigKill]);
            Console.WriteLine();
            Console.WriteLine("| stop of the world's node | rounds | each (s) | median (s) |");
            Console.WriteLine("|---|---:|---|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| SIGTERM, hand-off (baseline) | {rounds} | {string.Join(", ", times[SigTerm].Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))} | {graceful:F2} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| SIGKILL | {rounds} | {string.Join(", ", times[SigKill].Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))} | {killed:F2} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SIGKILL/SIGTERM: {killed / graceful:F1}x; every call counted once: {count == 2L * rounds * 2}"));
            return count == 2L * rounds * 2 ? 0 : 1;
        }
        finally
        {
            foreach (Node node in nodes)
            {
                node.Process.Dispose();
            }

            await TestServers.DropDatabaseAsync(database);
        }
    }

    /// <summary>Increments the counter with <paramref name="key"/> until a node answers, and checks that it counted once.</summary>
    private static async Task<long> CallAsync(HttpClient client, long before, string key, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/worlds/{WorldId}/entities/c/calls/increment")
            {
                Content = JsonContent.Create(new { args = new[] { 1 } }),
            };
            request.Headers.Add("Idempotency-Key", key);
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                using HttpResponseMessage response = await client.SendAsync(request, attempt.Token);
                if (response.IsSuccessStatusCode)
                {
                    using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
                    long value = body.RootElement.GetProperty("value").GetInt64();
                    return value == before + 1 ? value : throw new InvalidOperationException($"The counter went from {before} to {value} on one call with key {key}.");
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !timeout.IsCancellationRequested))
            {
                // The world is moving (or this attempt waited on it): the same key again.
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Asks each node's shard map until one of them runs the world.</summary>
    private static async Task<Node> OwnerAsync(IReadOnlyList<Node> nodes)
    {
        using HttpClient admin = nodes[0].Client();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using JsonDocument map = JsonDocument.Parse(await admin.GetStringAsync("/api/cluster/shards", timeout.Token));
            string? owner = map.RootElement.GetProperty("nodes").EnumerateArray()
                .Where(n => n.GetProperty("worlds").GetInt32() == 1)
                .Select(n => n.GetProperty("node").GetString())
                .FirstOrDefault();
            if (nodes.FirstOrDefault(n => n.Name == owner) is { } found)
            {
                return found;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One node: its process, name and addresses.</summary>
    private sealed record Node(string Name, WasgoProcess Process, string Url, string Address)
    {
        /// <summary>Starts a node that joins the running ones (the first joins itself) and waits until it serves HTTP.</summary>
        public static async Task<Node> StartAsync(string name, string database, IReadOnlyList<Node> running)
        {
            int port = FreePort.Next();
            string address = "akka.tcp://wasgo@127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
            string url = "http://127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
            string[] seeds = [.. running.Select(n => n.Address).DefaultIfEmpty(address)];
            WasgoProcess process = WasgoProcess.Start(
            [
                "run", "--cluster", "--urls=" + url, "--WasGo:Auth:AdminToken=" + AdminToken,
                "--WasGo:Cluster:PostgreSql=" + database, "--WasGo:Cluster:NodeName=" + name,
                "--WasGo:Cluster:Port=" + port.ToString(CultureInfo.InvariantCulture),
                "--WasGo:Storage:DataPath=" + Path.Combine(Path.GetTempPath(), "wasgo-failover-" + name),
                "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:WasGo=Information",
                .. seeds.Select((seed, i) => $"--WasGo:Cluster:SeedNodes:{i}={seed}"),
            ]);
            await process.WaitForOutputAsync("Dashboard: " + url, TimeSpan.FromSeconds(60));
            return new Node(name, process, url, address);
        }

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = new Uri(Url) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            return client;
        }
    }
}
