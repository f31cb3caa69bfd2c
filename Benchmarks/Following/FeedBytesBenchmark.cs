using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Actors.TestKit;
using WasGo.Host.Demo;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Benchmarks.Following;

/// <summary>
/// <c>cosim wire [seconds=10] [entities=100] [calls per second=5]</c> (issue 16): the bytes a client
/// receives per tick on the input feed (<c>/api/worlds/{id}/inputs</c>: binary frames, one a tick,
/// with the tick's inputs and its digest) beside the state feed (<c>/api/worlds/{id}/feed</c>: JSON,
/// a snapshot then the rows that changed, at the host's feed rate; the baseline) for the same world of
/// moving entities. A real <c>wasgo run</c> process on 127.0.0.1 (SQLite in a temp folder) runs one
/// world at 60 ticks/s with <c>entities</c> example <c>npc</c>s, which move every tick. Both sockets
/// are read at once for a fixed time, first with no calls, then with calls to <c>greet</c> (inputs)
/// at a fixed rate; once at the host's default feed rate (10 a second) and once with the state feed
/// at the tick rate (60: every tick's rows, as the input feed has every tick). What the input feed
/// brought is then stepped by a <see cref="WorldReplica"/> (modules fetched by hash), every digest checked.
/// </summary>
public static class FeedBytesBenchmark
{
    private const string AdminToken = "cosim-bench-token";
    private const string WorldId = "cosim";
    private const double TickRate = 60;

    public static async Task<int> RunAsync(string[] args)
    {
        int seconds = Argument(args, 1, 10);
        int entities = Argument(args, 2, 100);
        int callsPerSecond = Argument(args, 3, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(entities, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(callsPerSecond, 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"feed bytes: wasgo run on 127.0.0.1, one world at {TickRate} ticks/s with {entities} npc entities, both feeds read for {seconds} s per phase; {Environment.ProcessorCount} cores"));

        var phases = new List<Phase>();
        int failures = 0;
        foreach (double feedRate in new[] { 10.0, TickRate })
        {
            using Host host = await Host.StartAsync(feedRate);
            try
            {
                await host.SetUpAsync(entities);
                foreach (int calls in callsPerSecond > 0 ? new[] { 0, callsPerSecond } : [0])
                {
                    Phase phase = await MeasureAsync(host, feedRate, calls, seconds);
                    phases.Add(phase);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"state feed at {feedRate} a second, {calls} calls a second ({phase.CallsMade} made, {phase.CallErrors} failed): replica of the input feed {phase.ReplicaCheck}"));
                    failures += phase.CallErrors + (phase.ReplicaAgreed ? 0 : 1) + phase.Input.Gaps;
                }
            }
            finally
            {
                await host.StopAsync();
            }
        }

        Console.WriteLine();
        Console.WriteLine("| state feed rate | calls/s | feed | first message (bytes) | messages after it | ticks covered | payload bytes | bytes/tick | with WebSocket headers, bytes/tick | state ÷ input |");
        Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (Phase phase in phases)
        {
            double ratio = phase.State.BytesPerTick / phase.Input.BytesPerTick;
            Row(phase, "state `/feed`, JSON (baseline)", phase.State, "");
            Row(phase, "input `/inputs`, binary", phase.Input, string.Create(CultureInfo.InvariantCulture, $"**{ratio:F1}×**"));
        }

        return failures == 0 ? 0 : 1;
    }

    private static void Row(Phase phase, string name, FeedCount count, string ratio) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {phase.FeedRate} | {phase.CallsPerSecond} | {name} | {count.FirstBytes:N0} | {count.Messages:N0} | {count.Ticks:N0} | {count.Bytes:N0} | {count.BytesPerTick:F1} | {count.WireBytesPerTick:F1} | {ratio} |"));

    /// <summary>Reads both feeds at once for <paramref name="seconds"/>, calling <c>greet</c> at <paramref name="callsPerSecond"/> meanwhile; then replays the input feed.</summary>
    private static async Task<Phase> MeasureAsync(Host host, double feedRate, int callsPerSecond, int seconds)
    {
        using var stop = new CancellationTokenSource();
        var inputFrames = new List<byte[]>();
        Task<FeedCount> input = ReadAsync(host.Socket("inputs"), WebSocketMessageType.Binary, static frame => InputFeedFrame.TickOf(frame), inputFrames, stop.Token);
        Task<FeedCount> state = ReadAsync(host.Socket("feed"), WebSocketMessageType.Text, StateTickOf, null, stop.Token);
        int made = 0;
        int errors = 0;
        var clock = Stopwatch.StartNew();
        var length = TimeSpan.FromSeconds(seconds);
        while (callsPerSecond > 0 && clock.Elapsed < length)
        {
            try
            {
                using HttpResponseMessage response = await host.Http.PostAsJsonAsync(
                    $"/api/worlds/{WorldId}/entities/npc-{(made % host.Entities) + 1:D3}/calls/greet", new { args = new[] { "client-" + made.ToString(CultureInfo.InvariantCulture) } });
                errors += response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (HttpRequestException)
            {
                errors++;
            }

            made++;

            // The next call at its time; whole milliseconds, since Task.Delay refuses a part of one below zero.
            long wait = (long)(TimeSpan.FromSeconds(made / (double)callsPerSecond) - clock.Elapsed).TotalMilliseconds;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }
        }

        long rest = (long)(length - clock.Elapsed).TotalMilliseconds;
        if (rest > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(rest));
        }

        await stop.CancelAsync();
        FeedCount inputCount = await input;
        FeedCount stateCount = await state;
        (bool agreed, string check) = await ReplayAsync(host, inputFrames);
        return new Phase(feedRate, callsPerSecond, made, errors, stateCount, inputCount, agreed, check);
    }

    /// <summary>Reads one feed until <paramref name="stop"/>: its messages' payload bytes and the ticks their first and last name.</summary>
    private static async Task<FeedCount> ReadAsync(Task<ClientWebSocket> connecting, WebSocketMessageType kind, Func<ReadOnlySpan<byte>, long?> tickOf, List<byte[]>? keep, CancellationToken stop)
    {
        using ClientWebSocket socket = await connecting;
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        var count = new FeedCount();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                ValueWebSocketReceiveResult received = await socket.ReceiveAsync(message.GetMemory(16 * 1024), stop);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"The host closed the feed: {socket.CloseStatus} {socket.CloseStatusDescription}");
                }

                if (received.MessageType != kind)
                {
                    throw new InvalidOperationException($"The feed sent a {received.MessageType} message; it sends {kind}.");
                }

                message.Advance(received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                ReadOnlySpan<byte> payload = message.WrittenSpan;
                count.Add(payload.Length, tickOf(payload));
                keep?.Add(payload.ToArray());
                message.ResetWrittenCount();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The phase is over (the cancelled receive aborted the socket).
        }

        return count;
    }

    /// <summary>The tick of a state feed message: a snapshot's or an update's; null for a signal, which names the tick it was emitted in but covers none.</summary>
    private static long? StateTickOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using JsonDocument message = JsonDocument.ParseValue(ref reader);
        return message.RootElement.GetProperty("type").GetString() is "snapshot" or "update" ? message.RootElement.GetProperty("tick").GetInt64() : null;
    }

    /// <summary>Steps a replica through what the input feed brought, from its start frame, checking every tick's digest.</summary>
    private static async Task<(bool Agreed, string Check)> ReplayAsync(Host host, List<byte[]> frames)
    {
        if (frames.Count == 0 || InputFeedFrame.Decode(frames[0]) is not InputFeedStart start)
        {
            return (false, "failed: the input feed did not begin with a start frame");
        }

        using var runtime = new ScriptRuntime(start.Settings.ToRuntimeOptions());
        var modules = new Dictionary<string, Module>(StringComparer.Ordinal);
        async Task<Module> LoadAsync(string hash, CancellationToken cancellationToken)
        {
            byte[] bytes = await host.Http.GetByteArrayAsync($"/api/modules/by-hash/{hash}", cancellationToken);
            return ModuleHash.Of(bytes) == hash ? await runtime.CompileAsync(hash, bytes) : throw new InvalidOperationException($"The host sent other bytes for module {hash}.");
        }

        using WorldReplica replica = await WorldReplica.StartAsync(start, runtime, LoadAsync, NullLogger.Instance);
        if (!replica.World.Digest().AsSpan().SequenceEqual(start.Digest))
        {
            return (false, string.Create(CultureInfo.InvariantCulture, $"failed: disagreed with the start frame at tick {start.Tick}"));
        }

        int checkedDigests = 1;
        foreach (byte[] bytes in frames.Skip(1))
        {
            var tick = (InputFeedTick)InputFeedFrame.Decode(bytes);
            TickResult result = await replica.StepAsync(tick);
            if (tick.Digest is null || !result.Digest.AsSpan().SequenceEqual(tick.Digest))
            {
                return (false, string.Create(CultureInfo.InvariantCulture, $"failed: disagreed at tick {tick.Tick} after {checkedDigests} digests agreed"));
            }

            checkedDigests++;
        }

        return (true, string.Create(CultureInfo.InvariantCulture,
            $"agreed at all {checkedDigests:N0} digests (start frame at tick {start.Tick:N0}: {(start.Base is null ? "no snapshot" : "snapshot of tick " + start.BaseTick.ToString("N0", CultureInfo.InvariantCulture))}, {start.Since.Count} recorded ticks; ticks {start.Tick + 1:N0} to {replica.Tick:N0} frame by frame)"));
    }

    private static int Argument(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    /// <summary>What one phase measured: both feeds over the same seconds, the calls made, and the replica's check.</summary>
    private sealed record Phase(double FeedRate, int CallsPerSecond, int CallsMade, int CallErrors, FeedCount State, FeedCount Input, bool ReplicaAgreed, string ReplicaCheck);

    /// <summary>The messages of one feed: the first (a snapshot or start frame) apart, then the rest's count, payload bytes and the ticks they cover.</summary>
    private sealed class FeedCount
    {
        private long _headerBytes;

        public long FirstBytes { get; private set; } = -1;

        public long? FirstTick { get; private set; }

        public long? LastTick { get; private set; }

        public int Messages { get; private set; }

        public long Bytes { get; private set; }

        /// <summary>Gets the tick frames that skipped a tick (an input feed has one a tick).</summary>
        public int Gaps { get; private set; }

        public long Ticks => LastTick - FirstTick ?? 0;

        public double BytesPerTick => Bytes / (double)Ticks;

        /// <summary>Gets the bytes a tick with each message's WebSocket frame header (a server's frames are not masked: 2 bytes up to 125, 4 up to 65,535, 10 beyond).</summary>
        public double WireBytesPerTick => (Bytes + _headerBytes) / (double)Ticks;

        public void Add(int bytes, long? tick)
        {
            if (FirstBytes < 0)
            {
                FirstBytes = bytes;
                FirstTick = tick;
                LastTick = tick;
                return;
            }

            Messages++;
            Bytes += bytes;
            _headerBytes += bytes <= 125 ? 2 : bytes <= 65_535 ? 4 : 10;
            if (tick is long t)
            {
                Gaps += LastTick is long last && t > last + 1 ? 1 : 0;
                LastTick = t;
            }
        }
    }

    /// <summary>A <c>wasgo run</c> process with a temp data folder, and an admin client of it.</summary>
    private sealed class Host : IDisposable
    {
        private readonly WasgoProcess _process;
        private readonly string _data;

        private Host(WasgoProcess process, string url, string data)
        {
            _process = process;
            _data = data;
            Url = url;
            Http = new HttpClient { BaseAddress = new Uri(url) };
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        }

        public string Url { get; }

        public HttpClient Http { get; }

        public int Entities { get; private set; }

        public static async Task<Host> StartAsync(double feedRate)
        {
            string url = "http://127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
            string data = Path.Combine(Path.GetTempPath(), "wasgo-cosim-" + Guid.NewGuid().ToString("N"));
            WasgoProcess process = WasgoProcess.Start(
                "run", "--urls=" + url, "--WasGo:Auth:AdminToken=" + AdminToken, "--WasGo:Storage:DataPath=" + data,
                "--WasGo:Demo:Enabled=false", "--WasGo:Http:FeedRate=" + feedRate.ToString(CultureInfo.InvariantCulture),
                "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:WasGo=Information");
            try
            {
                await process.WaitForOutputAsync("Dashboard: " + url, TimeSpan.FromSeconds(60));
            }
            catch
            {
                process.Dispose();
                throw;
            }

            return new Host(process, url, data);
        }

        /// <summary>Deploys npc, creates the world and spawns the npcs, and waits a second for the world to run with all of them.</summary>
        public async Task SetUpAsync(int entities)
        {
            (await Http.PostAsync("/api/modules/npc", new ByteArrayContent(ExampleModules.Read("npc")))).EnsureSuccessStatusCode();
            (await Http.PostAsJsonAsync("/api/worlds", new { id = WorldId, tickRate = TickRate })).EnsureSuccessStatusCode();
            await Task.WhenAll(Enumerable.Range(1, entities).Select(async i =>
                (await Http.PostAsJsonAsync($"/api/worlds/{WorldId}/entities", new { id = $"npc-{i:D3}", module = "npc" })).EnsureSuccessStatusCode()));
            Entities = entities;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        public async Task<ClientWebSocket> Socket(string feed)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws{Url[4..]}/api/worlds/{WorldId}/{feed}?access_token={AdminToken}"), CancellationToken.None);
            return socket;
        }

        /// <summary>Stops the host gracefully (SIGTERM) and removes its data.</summary>
        public async Task StopAsync()
        {
            _process.Signal(15);
            if (!await _process.WaitForExitAsync(TimeSpan.FromSeconds(30)))
            {
                Console.WriteLine("wasgo did not stop within 30 s of SIGTERM; it is killed.");
            }
        }

        public void Dispose()
        {
            Http.Dispose();
            _process.Dispose();
            if (Directory.Exists(_data))
            {
                Directory.Delete(_data, recursive: true);
            }
        }
    }
}
