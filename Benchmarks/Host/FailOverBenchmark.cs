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
/// PostgreSQL <c>WASGO_TEST_POSTGRES</c> names) and six worlds with a counter each, spread over the
/// nodes by sharding. Each round stops a node and times until every world it ran answers a call from
/// a survivor (each call sent again with the same <c>Idempotency-Key</c> until it is answered); a new
/// node then takes the stopped one's place. Rounds take turns between the oldest node, which also runs
/// sharding's coordinator (it moves too), and a younger one. The baseline, in the same run: rounds
/// that stop the node gracefully (SIGTERM: its shards are handed off); then rounds that kill it
/// (SIGKILL: the dead node is noticed and downed, then its worlds restart remembered).
/// </summary>
public static class FailOverBenchmark
{
    private const string AdminToken = "failover-bench-token";
    private const int Worlds = 6;
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
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            for (int w = 0; w < Worlds; w++)
            {
                string world = "failover-" + w.ToString(CultureInfo.InvariantCulture);
                (await admin.PostAsJsonAsync("/api/worlds", new { id = world })).EnsureSuccessStatusCode();
                (await admin.PostAsJsonAsync($"/api/worlds/{world}/entities", new { id = "c", module = "counter" })).EnsureSuccessStatusCode();
                counts[world] = 0;
            }

            var times = new List<Round>();
            foreach (int signal in new[] { SigTerm, SigKill })
            {
                for (int round = 0; round < rounds; round++)
                {
                    using (HttpClient any = nodes[0].Client())
                    {
                        // Every world runs somewhere before the stop.
                        foreach (string world in counts.Keys.ToList())
                        {
                            counts[world] = await CallAsync(any, world, counts[world], $"warm-{signal}-{round}", TimeSpan.FromSeconds(60));
                        }
                    }

                    Dictionary<string, IReadOnlyList<string>> placement = await PlacementAsync(nodes[0]);
                    Node target = round % 2 == 0 && placement[nodes[0].Name].Count > 0
                        ? nodes[0]
                        : nodes.Skip(1).FirstOrDefault(n => placement[n.Name].Count > 0) ?? nodes[0];
                    IReadOnlyList<string> moving = placement[target.Name];
                    Node survivor = nodes.First(n => n != target);
                    using HttpClient viaSurvivor = survivor.Client();
                    var clock = Stopwatch.StartNew();
                    target.Process.Signal(signal);
                    long[] after = await Task.WhenAll(moving.Select(world => CallAsync(viaSurvivor, world, counts[world], $"round-{signal}-{round}", TimeSpan.FromSeconds(120))));
                    double seconds = clock.Elapsed.TotalSeconds;
                    for (int i = 0; i < moving.Count; i++)
                    {
                        counts[moving[i]] = after[i];
                    }

                    bool oldest = target == nodes[0];
                    times.Add(new Round(signal, oldest, seconds));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(signal == SigKill ? "SIGKILL" : "SIGTERM")} of {target.Name} ({(oldest ? "the oldest: the coordinator moves too" : "a younger node")}): its {moving.Count} worlds answered from {survivor.Name} after {seconds:F2} s"));

                    await target.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
                    target.Process.Dispose();
                    nodes.Remove(target);
                    nodes.Add(await Node.StartAsync("n" + started++, database, nodes));
                }
            }

            Console.WriteLine();
            Console.WriteLine("| stop | rounds | each (s) | median (s) |");
            Console.WriteLine("|---|---:|---|---:|");
            Row("SIGTERM, hand-off (baseline)", times.Where(t => t.Signal == SigTerm));
            Row("SIGKILL of the oldest node (the coordinator moves)", times.Where(t => t.Signal == SigKill && t.Oldest));
            Row("SIGKILL of a younger node", times.Where(t => t.Signal == SigKill && !t.Oldest));
            Row("SIGKILL, every round", times.Where(t => t.Signal == SigKill));
            Console.WriteLine($"every call counted once: {counts.Values.Sum()} calls, each answered with its counter's next value");
            return 0;
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

    private static void Row(string stop, IEnumerable<Round> rounds)
    {
        double[] seconds = [.. rounds.Select(r => r.Seconds)];
        if (seconds.Length > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stop} | {seconds.Length} | {string.Join(", ", seconds.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))} | {Median(seconds):F2} |"));
        }
    }

    /// <summary>Increments <paramref name="world"/>'s counter with <paramref name="key"/> until a node answers, and checks that it counted once.</summary>
    private static async Task<long> CallAsync(HttpClient client, string world, long before, string key, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/worlds/{world}/entities/c/calls/increment")
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
                    return value == before + 1 ? value : throw new InvalidOperationException($"{world}'s counter went from {before} to {value} on one call with key {key}.");
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !timeout.IsCancellationRequested))
            {
                // The world is moving (or this attempt waited on it): the same key again.
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Reads which node runs which worlds from the shard map.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<string>>> PlacementAsync(Node node)
    {
        using HttpClient admin = node.Client();
        using JsonDocument map = JsonDocument.Parse(await admin.GetStringAsync("/api/cluster/shards"));
        return map.RootElement.GetProperty("nodes").EnumerateArray().ToDictionary(
            n => n.GetProperty("node").GetString()!,
            n => (IReadOnlyList<string>)[.. n.GetProperty("worldIds").EnumerateArray().Select(id => id.GetString()!)],
            StringComparer.Ordinal);
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One stop: its signal, whether it stopped the oldest node, and how long until its worlds answered.</summary>
    private sealed record Round(int Signal, bool Oldest, double Seconds);

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
