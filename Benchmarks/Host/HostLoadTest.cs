using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WasGo.Actors.Worlds;
using WasGo.Host.Demo;
using WasGo.Host.Hosting;
using WasGo.Host.Worlds;
using WasGo.Scripting;

namespace WasGo.Benchmarks.Host;

/// <summary>
/// <c>host</c>: a bounded load test of the real host on 127.0.0.1 (Kestrel, the API, SQLite): many
/// WebSocket subscribers follow one world while HTTP callers call its entities, for a fixed time.
/// The baseline, in the same run and process, asks the same world directly through the host's region (in memory: no HTTP, no
/// JSON), so the difference is what the API costs. Every call of both must succeed and return the
/// next value of its own counter; the subscribers must get a snapshot first and never be dropped.
/// </summary>
public static class HostLoadTest
{
    private const string AdminToken = "load-test-token";
    private const string WorldId = "load";

    public static async Task<int> RunAsync(string[] args)
    {
        int seconds = Argument(args, 0, 10);
        int subscribers = Argument(args, 1, 200);
        int callers = Argument(args, 2, 32);
        const double tickRate = 60;
        string data = Path.Combine(Path.GetTempPath(), "wasgo-load-" + Guid.NewGuid().ToString("N"));
        WebApplication app = WasGoApplication.Build(
        [
            "--WasGo:Storage:DataPath=" + data, "--WasGo:Auth:AdminToken=" + AdminToken, "--WasGo:Demo:Enabled=false",
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
        ]);
        try
        {
            await app.StartAsync();
            string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = callers }) { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            (await http.PostAsync("/api/modules/counter", new ByteArrayContent(ExampleModules.Read("counter")))).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync("/api/worlds", new { id = WorldId, tickRate })).EnsureSuccessStatusCode();
            for (int i = 0; i < callers * 2; i++)
            {
                (await http.PostAsJsonAsync($"/api/worlds/{WorldId}/entities", new { id = "c" + i, module = "counter" })).EnsureSuccessStatusCode();
            }

            Console.WriteLine($"host load test: {seconds} s per phase, world at {tickRate} ticks/s, {subscribers} WebSocket subscribers, {callers} callers, {Environment.ProcessorCount} cores");
            HostedWorld world = app.Services.GetRequiredService<WorldDirectory>().Find(WorldId)!;
            LatencyRecorder direct = await PhaseAsync(seconds, callers, caller => DirectCallAsync(world, caller));

            using var feeds = new CancellationTokenSource();
            var received = new long[subscribers];
            var feedErrors = new List<string>();
            Task[] following = [.. Enumerable.Range(0, subscribers).Select(i => FollowAsync(new Uri(url), i, received, feedErrors, feeds.Token))];
            while (Interlocked.Read(ref received[^1]) == 0 && feedErrors.Count == 0)
            {
                await Task.Delay(10);
            }

            long before = received.Sum();
            var stopwatch = Stopwatch.StartNew();
            LatencyRecorder api = await PhaseAsync(seconds, callers, caller => HttpCallAsync(http, caller));
            long messages = received.Sum() - before;
            double feedSeconds = stopwatch.Elapsed.TotalSeconds;
            await feeds.CancelAsync();
            await Task.WhenAll(following);

            Console.WriteLine();
            Console.WriteLine("| path | calls | errors | calls/s | p50 ms | p99 ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Row("direct ask of the world actor (baseline)", direct, seconds);
            Row($"HTTP POST …/calls/increment, {subscribers} feeds open", api, seconds);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"feeds: {messages:N0} messages to {subscribers} subscribers in {feedSeconds:F1} s = {messages / feedSeconds:N0} messages/s; subscriber errors: {feedErrors.Count}"));
            foreach (string error in feedErrors.Take(5))
            {
                Console.WriteLine("  " + error);
            }

            return direct.Errors + api.Errors + feedErrors.Count == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// Runs <paramref name="callers"/> loops for a fixed time; each increments its own counter by 1 and
    /// checks the value it gets back — or, with <paramref name="repeats"/>, sends one keyed input again
    /// and again and checks that every answer is the first.
    /// </summary>
    internal static async Task<LatencyRecorder> PhaseAsync(int seconds, int callers, Func<int, Task<long>> call, bool repeats = false)
    {
        var recorder = new LatencyRecorder();
        var expected = new long[callers];
        using var timeLimit = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            // Each caller has a counter of its own (the two phases use different ones), so it knows the value it must get.
            while (!timeLimit.IsCancellationRequested)
            {
                long start = Stopwatch.GetTimestamp();
                try
                {
                    long value = await call(caller);
                    if (repeats && expected[caller] == 0)
                    {
                        expected[caller] = value - 1; // the first answer: every repeat must be the same
                    }

                    if (value != expected[caller] + 1)
                    {
                        recorder.Error();
                    }

                    expected[caller] = repeats ? expected[caller] : value;
                    recorder.Record(start);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or AskTimeoutException or TaskCanceledException)
                {
                    recorder.Error();
                }
            }
        }));
        return recorder;
    }

    private static async Task<long> DirectCallAsync(HostedWorld world, int caller)
    {
        CallResult result = await world.AskAsync<CallResult>(new WorldCall("c" + (caller * 2), "increment", [ScriptValue.FromInteger(1)]), TimeSpan.FromSeconds(10), CancellationToken.None);
        return result.IsSuccess ? result.Value.AsInteger() : throw new InvalidOperationException(result.Error!.ToString());
    }

    private static Task<long> HttpCallAsync(HttpClient http, int caller) => IncrementOverHttpAsync(http, WorldId, "c" + (caller * 2 + 1));

    /// <summary>Calls <c>increment(1)</c> of a counter over the API and returns its new value.</summary>
    internal static async Task<long> IncrementOverHttpAsync(HttpClient http, string worldId, string entityId)
    {
        using HttpResponseMessage response = await http.PostAsync(
            $"/api/worlds/{worldId}/entities/{entityId}/calls/increment",
            new StringContent("{\"args\":[1]}", System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("value").GetInt64();
    }

    private static async Task FollowAsync(Uri baseUrl, int index, long[] received, List<string> errors, CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        byte[] buffer = new byte[64 * 1024];
        try
        {
            var feed = new Uri(baseUrl, $"/api/worlds/{WorldId}/feed?access_token={AdminToken}");
            await socket.ConnectAsync(new UriBuilder(feed) { Scheme = "ws" }.Uri, stop);
            bool first = true;
            while (!stop.IsCancellationRequested)
            {
                WebSocketReceiveResult message = await socket.ReceiveAsync(buffer, stop);
                if (message.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"subscriber {index} was closed by the host: {message.CloseStatusDescription}");
                }

                if (first && !buffer.AsSpan(0, message.Count).StartsWith("{\"world\""u8))
                {
                    throw new InvalidOperationException($"subscriber {index} did not get a snapshot first");
                }

                first = false;
                if (message.EndOfMessage)
                {
                    Interlocked.Increment(ref received[index]);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The phase is over.
        }
        catch (Exception e) when (e is WebSocketException or InvalidOperationException)
        {
            lock (errors)
            {
                errors.Add(e.Message);
            }
        }
    }

    internal static void Row(string path, LatencyRecorder recorder, int seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {path} | {recorder.Count:N0} | {recorder.Errors} | {recorder.Count / (double)seconds:N0} | {recorder.Percentile(0.5):F2} | {recorder.Percentile(0.99):F2} |"));

    internal static int Argument(string[] args, int index, int fallback) =>
        args.Length > index + 1 ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
