using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Runtime;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WasGo.Host.Demo;
using WasGo.Host.Hosting;

namespace WasGo.Benchmarks.Host;

/// <summary>
/// <c>hostile [seconds per phase] [kind ...]</c> (issue 12): does one hostile entity slow its own
/// world or the worlds beside it? Each phase starts a fresh real host in-process (Kestrel on
/// 127.0.0.1, SQLite in a temp folder) with two worlds at 20 ticks/s and the same 100 wandering
/// <c>npc</c> entities and one <c>counter</c> in each; in one of them, one entity of
/// <c>Tests/Scripts/hostile.c</c> does one hostile thing every tick (spin, recurse, grow, storm,
/// fan). The baseline phase has no hostile entity at all. Over the phase it measures each world's
/// achieved ticks a second (its tick from <c>GET /api/worlds/{id}</c> at the start and the end),
/// the latency of a few <c>get</c> calls a second to each world's counter, and a WebSocket feed
/// subscriber of each world; and the host's resident set.
/// </summary>
/// <remarks>
/// Everything is bounded in time, since a world may be wedged: every HTTP call has a timeout, and a
/// timeout is a data point, not a failure of the benchmark; a host that does not stop in time is
/// left behind and the next phase goes on.
/// </remarks>
public static class HostileWorldBenchmark
{
    private const string AdminToken = "hostile-bench-token";
    private const double TickRate = 20;
    private const int NpcsPerWorld = 100;
    private const string CalmWorld = "calm";
    private const string HostileWorld = "hostile";
    private const string Counter = "probe";
    private const int ProbeIntervalMilliseconds = 250;
    private const long RssLimitBytes = 8L * 1024 * 1024 * 1024;

    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_statusTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan s_setupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(1);

    /// <summary>The phases, in the order they run: the baseline first, the kinds most likely to wedge a world last.</summary>
    private static readonly HostileKind[] s_kinds =
    [
        new("none", 0, "none (baseline)"),
        new("spin", 1, "spin (infinite loop)"),
        new("recurse", 2, "recurse (stack overflow)"),
        new("grow", 3, "grow (memory to the limit)"),
        new("storm", 5, "storm (64 × 64 KiB signals a tick)"),
        new("fan", 4, "fan (each message sends 2)"),
    ];

    /// <summary>Runs every phase (or those named after the seconds) and prints a markdown table.</summary>
    /// <param name="args"><c>hostile [seconds per phase = 10] [kind ...]</c>; kinds are none, spin, recurse, grow, storm, fan.</param>
    /// <returns>0 when every phase ran; 1 when one could not be set up.</returns>
    /// <exception cref="ArgumentException">A kind is not one of the known ones.</exception>
    public static async Task<int> RunAsync(string[] args)
    {
        int seconds = HostLoadTest.Argument(args, 0, 10);
        HostileKind[] kinds = args.Length > 2
            ? [.. args[2..].Select(name => s_kinds.FirstOrDefault(k => k.Name == name)
                ?? throw new ArgumentException($"There is no hostile kind '{name}'; the kinds are {string.Join(", ", s_kinds.Select(k => k.Name))}.", nameof(args)))]
            : s_kinds;
        string root = Path.Combine(Path.GetTempPath(), "wasgo-hostile-" + Guid.NewGuid().ToString("N"));
        try
        {
            byte[] hostile = await BuildHostileScriptAsync(Path.Combine(root, "scripts"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hostile worlds: {seconds} s per phase, 2 worlds at {TickRate} ticks/s with {NpcsPerWorld} npc + 1 counter each, a fresh host per phase, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode})"));
            // The first host of the process runs while the JIT still compiles it: warm it up before the baseline is measured.
            PhaseResult warmUp = await RunPhaseAsync(s_kinds[0], Math.Min(seconds, 3), Path.Combine(root, "warm-up"), hostile);
            Console.WriteLine("warm-up, not in the table: " + warmUp.Summary());
            var results = new List<PhaseResult>();
            foreach (HostileKind kind in kinds)
            {
                PhaseResult result = await RunPhaseAsync(kind, seconds, Path.Combine(root, kind.Name), hostile);
                results.Add(result);
                Console.WriteLine(result.Summary());
            }

            PrintTable(results);
            return results.All(r => r.Failure is null) ? 0 : 1;
        }
        finally
        {
            DeleteFolder(root);
        }
    }

    /// <summary>Builds <c>Tests/Scripts/*.c</c> with <c>Tests/Scripts/build.sh</c> and reads <c>hostile.wasm</c>.</summary>
    private static async Task<byte[]> BuildHostileScriptAsync(string output)
    {
        string repository = RepositoryRoot();
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(repository, "Tests", "Scripts", "build.sh"));
        start.ArgumentList.Add(output);
        using Process build = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started to build Tests/Scripts.");
        Task<string> stdout = build.StandardOutput.ReadToEndAsync();
        Task<string> stderr = build.StandardError.ReadToEndAsync();
        using var timeLimit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await build.WaitForExitAsync(timeLimit.Token);
        }
        catch (OperationCanceledException)
        {
            build.Kill(entireProcessTree: true);
            throw new TimeoutException("Tests/Scripts/build.sh did not finish within 2 minutes.");
        }

        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Tests/Scripts/build.sh failed ({build.ExitCode}); it needs clang-14 and wasm-ld-14: {await stdout}{await stderr}");
        }

        return await File.ReadAllBytesAsync(Path.Combine(output, "hostile.wasm"));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WasGo.Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("WasGo.Actors.sln was not found above " + AppContext.BaseDirectory + "; run the benchmark from its build output in the repository.");
    }

    /// <summary>One phase on a fresh host: set up, warm up, measure, stop (bounded).</summary>
    private static async Task<PhaseResult> RunPhaseAsync(HostileKind kind, int seconds, string data, byte[] hostileScript)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var result = new PhaseResult(kind) { RssStart = Environment.WorkingSet };
        WebApplication app = WasGoApplication.Build(
        [
            "--WasGo:Storage:DataPath=" + data, "--WasGo:Auth:AdminToken=" + AdminToken, "--WasGo:Demo:Enabled=false",
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
        ]);
        FeedFollower? calmFeed = null;
        FeedFollower? hostileFeed = null;
        try
        {
            using (var starting = new CancellationTokenSource(s_setupTimeout))
            {
                await app.StartAsync(starting.Token);
            }

            var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            await SetUpAsync(http, kind, hostileScript);

            calmFeed = FeedFollower.Start(url, CalmWorld);
            hostileFeed = FeedFollower.Start(url, HostileWorld);
            await Task.WhenAll(calmFeed.WaitForSnapshotAsync(s_setupTimeout), hostileFeed.WaitForSnapshotAsync(s_setupTimeout));
            await Task.Delay(s_warmUp);

            await MeasureAsync(http, seconds, calmFeed, hostileFeed, result);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException or OperationCanceledException or WebSocketException or JsonException)
        {
            result.Failure = e.Message;
        }
        finally
        {
            result.RssEnd = Environment.WorkingSet;
            result.RssPeak = Math.Max(result.RssPeak, result.RssEnd);
            if (calmFeed is not null)
            {
                await calmFeed.DisposeAsync();
            }

            if (hostileFeed is not null)
            {
                await hostileFeed.DisposeAsync();
            }

            result.StopProblem = await StopAsync(app);
            DeleteFolder(data);
        }

        return result;
    }

    /// <summary>Deploys the modules, creates the two worlds, spawns their entities (all at once: a spawn waits for a tick), and turns the hostile entity on.</summary>
    private static async Task SetUpAsync(HttpClient http, HostileKind kind, byte[] hostileScript)
    {
        await SendAsync(http, HttpMethod.Post, "/api/modules/npc", new ByteArrayContent(ExampleModules.Read("npc")), s_setupTimeout);
        await SendAsync(http, HttpMethod.Post, "/api/modules/counter", new ByteArrayContent(ExampleModules.Read("counter")), s_setupTimeout);
        await SendAsync(http, HttpMethod.Post, "/api/modules/hostile", new ByteArrayContent(hostileScript), s_setupTimeout);
        foreach (string world in new[] { CalmWorld, HostileWorld })
        {
            await SendAsync(http, HttpMethod.Post, "/api/worlds", JsonContent.Create(new { id = world, tickRate = TickRate }), s_setupTimeout);
        }

        await Task.WhenAll(new[] { CalmWorld, HostileWorld }.SelectMany(world =>
            Enumerable.Range(0, NpcsPerWorld).Select(i => (Id: "npc-" + i.ToString(CultureInfo.InvariantCulture), Module: "npc"))
                .Append((Id: Counter, Module: "counter"))
                .Select(entity => SendAsync(http, HttpMethod.Post, $"/api/worlds/{world}/entities", JsonContent.Create(new { id = entity.Id, module = entity.Module }), s_setupTimeout))));

        if (kind.Mode != 0)
        {
            await SendAsync(http, HttpMethod.Post, $"/api/worlds/{HostileWorld}/entities", JsonContent.Create(new { id = "hostile", module = "hostile" }), s_setupTimeout);
            await SendAsync(http, HttpMethod.Post, $"/api/worlds/{HostileWorld}/entities/hostile/calls/set_mode", Arguments(kind.Mode), s_setupTimeout);
        }
    }

    /// <summary>The measured part of a phase: ticks at the start and the end, probes and feeds in between, the resident set watched.</summary>
    private static async Task MeasureAsync(HttpClient http, int seconds, FeedFollower calmFeed, FeedFollower hostileFeed, PhaseResult result)
    {
        TickReading[] start = await Task.WhenAll(ReadTickAsync(http, CalmWorld), ReadTickAsync(http, HostileWorld));
        (long Messages, long Bytes) calmFeedStart = calmFeed.Received;
        (long Messages, long Bytes) hostileFeedStart = hostileFeed.Received;
        long measuring = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource();
        Task calmProbes = ProbeAsync(http, CalmWorld, result.CalmCalls, stop.Token);
        Task hostileProbes = ProbeAsync(http, HostileWorld, result.HostileCalls, stop.Token);
        long peak = Environment.WorkingSet;
        while (Stopwatch.GetElapsedTime(measuring).TotalSeconds < seconds)
        {
            await Task.Delay(200);
            peak = Math.Max(peak, Environment.WorkingSet);
            if (peak > RssLimitBytes)
            {
                result.CutShort = string.Create(CultureInfo.InvariantCulture, $"cut short after {Stopwatch.GetElapsedTime(measuring).TotalSeconds:F1} s: RSS {peak / 1048576.0:N0} MB");
                break;
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(calmProbes, hostileProbes);
        result.CalmFeed = FeedReport(calmFeed, calmFeedStart);
        result.HostileFeed = FeedReport(hostileFeed, hostileFeedStart);
        TickReading[] end = await Task.WhenAll(ReadTickAsync(http, CalmWorld), ReadTickAsync(http, HostileWorld));
        result.CalmTicksPerSecond = TickReading.Rate(start[0], end[0]);
        result.HostileTicksPerSecond = TickReading.Rate(start[1], end[1]);
        result.RssPeak = Math.Max(peak, Environment.WorkingSet);
        if (result.Kind.Mode != 0)
        {
            result.HostileRow = await ReadHostileRowAsync(http);
        }

        string[] problems =
        [
            .. new[] { ("calm start", start[0]), ("hostile start", start[1]), ("calm end", end[0]), ("hostile end", end[1]) }
                .Where(r => r.Item2.Problem is not null)
                .Select(r => $"{r.Item1} tick: {r.Item2.Problem}"),
        ];
        result.TickProblems = problems.Length > 0 ? string.Join("; ", problems) : null;
    }

    private static string FeedReport(FeedFollower feed, (long Messages, long Bytes) before)
    {
        (long messages, long bytes) = feed.Received;
        string state = feed.Ended ?? "connected";
        return string.Create(CultureInfo.InvariantCulture, $"{state}; {messages - before.Messages:N0} msgs, {(bytes - before.Bytes) / 1048576.0:N1} MB");
    }

    /// <summary>A few <c>get</c> calls a second to the world's counter until stopped; a call that times out is recorded at its timeout.</summary>
    private static async Task ProbeAsync(HttpClient http, string world, ProbeCalls calls, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            long start = Stopwatch.GetTimestamp();
            using (var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                timeLimit.CancelAfter(s_callTimeout);
                try
                {
                    using HttpResponseMessage response = await http.PostAsync($"/api/worlds/{world}/entities/{Counter}/calls/get", Arguments(), timeLimit.Token);
                    await response.Content.LoadIntoBufferAsync(timeLimit.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        calls.Latencies.Record(start);
                    }
                    else
                    {
                        calls.Latencies.Error();
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The phase is over; the call in flight is not counted.
                    return;
                }
                catch (OperationCanceledException)
                {
                    calls.Latencies.Record(start);
                    calls.TimedOut();
                }
                catch (HttpRequestException)
                {
                    calls.Latencies.Error();
                }
            }

            TimeSpan wait = TimeSpan.FromMilliseconds(ProbeIntervalMilliseconds) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Reads a world's tick; the time of the reading is the middle of the request.</summary>
    private static async Task<TickReading> ReadTickAsync(HttpClient http, string world)
    {
        long start = Stopwatch.GetTimestamp();
        using var timeLimit = new CancellationTokenSource(s_statusTimeout);
        try
        {
            using HttpResponseMessage response = await http.GetAsync($"/api/worlds/{world}", timeLimit.Token);
            string body = await response.Content.ReadAsStringAsync(timeLimit.Token);
            long end = Stopwatch.GetTimestamp();
            if (!response.IsSuccessStatusCode)
            {
                return new TickReading(null, end, $"HTTP {(int)response.StatusCode}");
            }

            using JsonDocument json = JsonDocument.Parse(body);
            return new TickReading(json.RootElement.GetProperty("tick").GetInt64(), start + ((end - start) / 2), null);
        }
        catch (OperationCanceledException)
        {
            return new TickReading(null, Stopwatch.GetTimestamp(), string.Create(CultureInfo.InvariantCulture, $"status timed out ({s_statusTimeout.TotalSeconds:F0} s)"));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new TickReading(null, Stopwatch.GetTimestamp(), e.Message);
        }
    }

    /// <summary>The hostile entity's state row (its counters of fans and refused sends), to show that it did what it was set to.</summary>
    private static async Task<string> ReadHostileRowAsync(HttpClient http)
    {
        using var timeLimit = new CancellationTokenSource(s_statusTimeout);
        try
        {
            using HttpResponseMessage response = await http.GetAsync($"/api/worlds/{HostileWorld}/entities/hostile", timeLimit.Token);
            string body = await response.Content.ReadAsStringAsync(timeLimit.Token);
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            using JsonDocument json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("columns").GetRawText();
        }
        catch (OperationCanceledException)
        {
            return "timed out";
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    /// <summary>Sends a setup request within <paramref name="timeout"/> and throws when it fails.</summary>
    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, HttpContent content, TimeSpan timeout)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var timeLimit = new CancellationTokenSource(timeout);
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, timeLimit.Token);
            if (!response.IsSuccessStatusCode)
            {
                string body = await response.Content.ReadAsStringAsync(timeLimit.Token);
                throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {body}");
            }
        }
        catch (OperationCanceledException) when (timeLimit.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{method} {path} did not answer within {timeout.TotalSeconds:F0} s."));
        }
    }

    private static StringContent Arguments(params long[] values) =>
        new("{\"args\":[" + string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]}", Encoding.UTF8, "application/json");

    /// <summary>Stops and disposes the host within <see cref="s_stopTimeout"/>; returns what went wrong, or null.</summary>
    private static async Task<string?> StopAsync(WebApplication app)
    {
        using var timeLimit = new CancellationTokenSource(s_stopTimeout);
        Task stopping = Task.Run(async () =>
        {
            await app.StopAsync(timeLimit.Token);
            await app.DisposeAsync();
        });
        if (await Task.WhenAny(stopping, Task.Delay(s_stopTimeout + TimeSpan.FromSeconds(5))) != stopping)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the host did not stop within {s_stopTimeout.TotalSeconds:F0} s and was left running");
        }

        try
        {
            await stopping;
            return null;
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or AggregateException)
        {
            return "stopping the host failed: " + e.Message;
        }
    }

    private static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"could not delete {path}: {e.Message}");
        }
    }

    private static void PrintTable(List<PhaseResult> results)
    {
        double? baseline = results.FirstOrDefault(r => r.Kind.Mode == 0)?.CalmTicksPerSecond;
        Console.WriteLine();
        Console.WriteLine("| kind | calm world ticks/s | hostile world ticks/s | hostile/calm | calm/20 | hostile/20 | calm/baseline calm | calm `get` p50/p99 ms | hostile `get` p50/p99 ms | feed calm | feed hostile | RSS MB end (peak) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|");
        foreach (PhaseResult r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Kind.Label} | {Number(r.CalmTicksPerSecond, "F1")} | {Number(r.HostileTicksPerSecond, "F1")} | {Ratio(r.HostileTicksPerSecond, r.CalmTicksPerSecond)} | {Ratio(r.CalmTicksPerSecond, TickRate)} | {Ratio(r.HostileTicksPerSecond, TickRate)} | {Ratio(r.CalmTicksPerSecond, baseline)} | {r.CalmCalls} | {r.HostileCalls} | {r.CalmFeed} | {r.HostileFeed} | {r.RssEnd / 1048576.0:N0} ({r.RssPeak / 1048576.0:N0}) |"));
        }

        Console.WriteLine();
        foreach (PhaseResult r in results)
        {
            string?[] notes =
            [
                r.Failure is null ? null : "FAILED: " + r.Failure,
                r.CutShort,
                r.TickProblems,
                r.StopProblem,
                r.HostileRow is null ? null : "hostile entity's row at the end: " + r.HostileRow,
            ];
            if (notes.Any(n => n is not null))
            {
                Console.WriteLine($"- {r.Kind.Name}: {string.Join("; ", notes.Where(n => n is not null))}");
            }
        }
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";

    private static string Ratio(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b > 0 ? (v / b).ToString("F2", CultureInfo.InvariantCulture) : "—";

    /// <summary>A hostile behaviour: the <c>mode</c> that <c>hostile.c</c>'s <c>_process</c> runs each tick.</summary>
    private sealed record HostileKind(string Name, int Mode, string Label);

    /// <summary>A world's tick at a time, or why it could not be read.</summary>
    private sealed record TickReading(long? Tick, long Timestamp, string? Problem)
    {
        public static double? Rate(TickReading start, TickReading end) =>
            start.Tick is { } a && end.Tick is { } b ? (b - a) / Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds : null;
    }

    /// <summary>The probe calls of one world: latencies (a timed-out call counts at its timeout) and how many timed out.</summary>
    private sealed class ProbeCalls
    {
        private long _timedOut;

        public LatencyRecorder Latencies { get; } = new();

        public void TimedOut() => Interlocked.Increment(ref _timedOut);

        public override string ToString()
        {
            if (Latencies.Count == 0)
            {
                return Latencies.Errors > 0 ? string.Create(CultureInfo.InvariantCulture, $"— (0 calls, {Latencies.Errors} failed)") : "— (0 calls)";
            }

            string text = string.Create(CultureInfo.InvariantCulture, $"{Latencies.Percentile(0.5):F1} / {Latencies.Percentile(0.99):F1} ({Latencies.Count} calls");
            long timedOut = Interlocked.Read(ref _timedOut);
            text += timedOut > 0 ? string.Create(CultureInfo.InvariantCulture, $", {timedOut} timed out") : string.Empty;
            text += Latencies.Errors > 0 ? string.Create(CultureInfo.InvariantCulture, $", {Latencies.Errors} failed") : string.Empty;
            return text + ")";
        }
    }

    /// <summary>What one phase measured.</summary>
    private sealed class PhaseResult(HostileKind kind)
    {
        public HostileKind Kind { get; } = kind;

        public double? CalmTicksPerSecond { get; set; }

        public double? HostileTicksPerSecond { get; set; }

        public ProbeCalls CalmCalls { get; } = new();

        public ProbeCalls HostileCalls { get; } = new();

        public string CalmFeed { get; set; } = "—";

        public string HostileFeed { get; set; } = "—";

        public long RssStart { get; init; }

        public long RssEnd { get; set; }

        public long RssPeak { get; set; }

        public string? Failure { get; set; }

        public string? CutShort { get; set; }

        public string? StopProblem { get; set; }

        public string? TickProblems { get; set; }

        public string? HostileRow { get; set; }

        public string Summary() => string.Create(CultureInfo.InvariantCulture,
            $"{Kind.Name}: calm {Number(CalmTicksPerSecond, "F1")} ticks/s, hostile {Number(HostileTicksPerSecond, "F1")} ticks/s; calls calm {CalmCalls}, hostile {HostileCalls}; RSS {RssStart / 1048576.0:N0} → {RssEnd / 1048576.0:N0} MB (peak {RssPeak / 1048576.0:N0}){(Failure is null ? string.Empty : "; FAILED: " + Failure)}");
    }

    /// <summary>One WebSocket subscriber of a world's feed, counting what it receives until disposed or dropped.</summary>
    private sealed class FeedFollower : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _snapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _reading = Task.CompletedTask;
        private long _messages;
        private long _bytes;
        private string? _ended;

        /// <summary>Gets the messages and bytes received so far.</summary>
        public (long Messages, long Bytes) Received => (Interlocked.Read(ref _messages), Interlocked.Read(ref _bytes));

        /// <summary>Gets how the feed ended (closed by the host, or an error), or null while it is connected.</summary>
        public string? Ended => Volatile.Read(ref _ended);

        public static FeedFollower Start(Uri baseUrl, string world)
        {
            var follower = new FeedFollower();
            var feed = new UriBuilder(new Uri(baseUrl, $"/api/worlds/{world}/feed?access_token={AdminToken}")) { Scheme = "ws" }.Uri;
            follower._reading = follower.ReadAsync(feed);
            return follower;
        }

        /// <summary>Waits for the first message (the snapshot).</summary>
        /// <exception cref="TimeoutException">It did not come in time.</exception>
        /// <exception cref="InvalidOperationException">The feed ended before it.</exception>
        public async Task WaitForSnapshotAsync(TimeSpan timeout)
        {
            if (await Task.WhenAny(_snapshot.Task, _reading, Task.Delay(timeout)) != _snapshot.Task)
            {
                throw Ended is { } ended
                    ? new InvalidOperationException("A feed ended before its snapshot: " + ended)
                    : new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"A feed sent no snapshot within {timeout.TotalSeconds:F0} s."));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _reading;
            _socket.Dispose();
            _stop.Dispose();
        }

        private async Task ReadAsync(Uri feed)
        {
            byte[] buffer = new byte[64 * 1024];
            try
            {
                using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    connecting.CancelAfter(s_setupTimeout);
                    await _socket.ConnectAsync(feed, connecting.Token);
                }

                while (true)
                {
                    WebSocketReceiveResult message = await _socket.ReceiveAsync(buffer, _stop.Token);
                    if (message.MessageType == WebSocketMessageType.Close)
                    {
                        Volatile.Write(ref _ended, $"closed by the host ({message.CloseStatus}: {message.CloseStatusDescription})");
                        return;
                    }

                    Interlocked.Add(ref _bytes, message.Count);
                    if (message.EndOfMessage)
                    {
                        Interlocked.Increment(ref _messages);
                        _snapshot.TrySetResult();
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Disposed: the phase is over.
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
            {
                Volatile.Write(ref _ended, "error: " + e.Message);
            }
        }
    }
}
