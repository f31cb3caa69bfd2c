using System.Diagnostics;
using System.Globalization;
using Wasmtime;
using Akka.Actor;
using WasGo.Persistence;
using WasGo.Scripting;

namespace WasGo.Benchmarks.Scripting;

/// <summary>
/// <c>entities</c>: scripted entities beside the same logic as a plain C# actor, in one run:
/// notifications per second (a counter's increment), activation from persisted state (p50/p99)
/// with 10,000 entities already alive, and the memory of many live entities (or where making them
/// fails). Both sides persist to the same SQLite store. Scripts run on the default
/// <see cref="ScriptRuntime"/> (Wasmtime with the sandbox's settings).
/// </summary>
public static class EntityBenchmark
{
    private const string Counter = """
        (module
          (import "wasgo" "state_int" (func $get (param i32 i32) (result i64)))
          (import "wasgo" "state_set_int" (func $set (param i32 i32 i64) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "count")
          (func (export "increment") (param $by i64) (result i64)
            (local $n i64)
            (local.set $n (i64.add (call $get (i32.const 0) (i32.const 5)) (local.get $by)))
            (drop (call $set (i32.const 0) (i32.const 5) (local.get $n)))
            (local.get $n)))
        """;

    public static async Task RunAsync(int liveEntities)
    {
        string folder = Path.Combine(Path.GetTempPath(), "wasgo-entities-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using IPersistenceProvider store = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = Path.Combine(folder, "bench.db") });
            await store.Modules.PutAsync("counter", "1", Module.ConvertText(Counter));
            using var runtime = new ScriptRuntime();
            var options = new EntityOptions { WorldId = "bench", IdleTimeout = null };

            Console.WriteLine("| what | WasGo entity (wasm) | plain C# actor | ratio |");
            Console.WriteLine("|---|---:|---:|---:|");
            await ThroughputAsync(store, runtime, options);
            await ActivationAsync(store, runtime, options);
            await MemoryAsync(store, runtime, options, liveEntities);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ThroughputAsync(IPersistenceProvider store, ScriptRuntime runtime, EntityOptions options)
    {
        const int Entities = 1_000;
        const int Messages = 1_000;
        double wasm = 0, csharp = 0;
        for (int round = 0; round < 2; round++)
        {
            wasm = await MessagesPerSecondAsync(id => EntityActor.Props(id, "counter", runtime, store, options), $"wasm{round}-", Entities, Messages);
            csharp = await MessagesPerSecondAsync(id => Props.Create(() => new PlainCounter(id, store)), $"plain{round}-", Entities, Messages);
        }

        Row($"increment notifications/s ({Entities:N0} entities × {Messages:N0})", wasm, csharp, "N0", csharp / wasm);
    }

    private static async Task<double> MessagesPerSecondAsync(Func<string, Props> props, string prefix, int entities, int messages)
    {
        await using ActorSystem system = ActorSystem.Create("bench", new ActorSystemOptions { DeadLetterLogLimit = 0, ShutdownTimeout = TimeSpan.FromMinutes(2) });
        IActorRef region = system.ActorOf(Props.Create(() => new EntityRegion(props)));
        var ids = Enumerable.Range(0, entities).Select(i => prefix + i).ToArray();
        await Task.WhenAll(ids.Select(id => region.Ask<object>(new EntityEnvelope(id, new EntityCall("increment", [ScriptValue.FromInteger(0)])), TimeSpan.FromMinutes(1))));

        var one = new EntityCall("increment", [ScriptValue.FromInteger(1)]);
        var watch = Stopwatch.StartNew();
        Parallel.ForEach(ids, id =>
        {
            var envelope = new EntityEnvelope(id, one);
            for (int i = 0; i < messages; i++)
            {
                region.Tell(envelope);
            }
        });
        object[] last = await Task.WhenAll(ids.Select(id => region.Ask<object>(new EntityEnvelope(id, new EntityCall("increment", [ScriptValue.FromInteger(0)])), TimeSpan.FromMinutes(5))));
        watch.Stop();
        if (last.Any(r => r is not CallResult { IsSuccess: true } result || result.Value.AsInteger() != messages))
        {
            throw new InvalidOperationException("A counter lost increments.");
        }

        return entities * (double)messages / watch.Elapsed.TotalSeconds;
    }

    private static async Task ActivationAsync(IPersistenceProvider store, ScriptRuntime runtime, EntityOptions options)
    {
        const int Count = 2_000;
        const int Alive = 10_000;
        for (int i = 0; i < Count; i++)
        {
            var row = new StateRow();
            row.TrySet("count", ScriptValue.FromInteger(i));
            await store.DurableState.UpsertAsync($"entity/bench/act-{i}", 1, row.Encode(), "wasgo-row-v1");
        }

        (double P50, double P99) wasm = default, csharp = default;
        for (int round = 0; round < 2; round++)
        {
            wasm = await ActivationLatencyAsync(id => EntityActor.Props(id, "counter", runtime, store, options), Count, Alive);
            csharp = await ActivationLatencyAsync(id => Props.Create(() => new PlainCounter("entity/bench/" + id, store)), Count, Alive);
        }

        Row($"activation from persisted state, {Alive:N0} alive, p50 (ms)", wasm.P50, csharp.P50, "F3", wasm.P50 / csharp.P50);
        Row($"activation from persisted state, {Alive:N0} alive, p99 (ms)", wasm.P99, csharp.P99, "F3", wasm.P99 / csharp.P99);
    }

    private static async Task<(double P50, double P99)> ActivationLatencyAsync(Func<string, Props> props, int count, int alive)
    {
        await using ActorSystem system = ActorSystem.Create("bench", new ActorSystemOptions { DeadLetterLogLimit = 0, ShutdownTimeout = TimeSpan.FromMinutes(2) });
        IActorRef region = system.ActorOf(Props.Create(() => new EntityRegion(props)));
        if ((await ActivateAsync(region, "alive-", alive)).Failure is { } failure)
        {
            throw new InvalidOperationException($"Activating {alive:N0} entities failed: {failure}");
        }

        var times = new double[count];
        var get = new EntityCall("increment", [ScriptValue.FromInteger(0)]);
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            object reply = await region.Ask<object>(new EntityEnvelope("act-" + i, get), TimeSpan.FromMinutes(1));
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (reply is not CallResult { IsSuccess: true } result || result.Value.AsInteger() != i)
            {
                throw new InvalidOperationException($"Entity act-{i} did not recover its state.");
            }
        }

        Array.Sort(times);
        return (times[count / 2], times[(int)(count * 0.99)]);
    }

    private static async Task MemoryAsync(IPersistenceProvider store, ScriptRuntime runtime, EntityOptions options, int count)
    {
        (double wasmRss, int wasmLive, string? wasmFailure) = await LiveMemoryAsync(id => EntityActor.Props(id, "counter", runtime, store, options), "live-wasm-", count);
        (double csharpRss, int csharpLive, string? csharpFailure) = await LiveMemoryAsync(id => Props.Create(() => new PlainCounter(id, store)), "live-plain-", count);
        Row($"{count:N0} live counters asked for: live ones made", wasmLive, csharpLive, "N0", wasmLive / (double)csharpLive);
        Row("… RSS added (MB)", wasmRss / 1e6, csharpRss / 1e6, "N0", wasmRss / csharpRss);
        Row("… per live entity (KB)", wasmRss / Math.Max(wasmLive, 1) / 1e3, csharpRss / Math.Max(csharpLive, 1) / 1e3, "F1", wasmRss / Math.Max(wasmLive, 1) / (csharpRss / Math.Max(csharpLive, 1)));
        foreach ((string side, string? failure) in new[] { ("WasGo entity", wasmFailure), ("plain C# actor", csharpFailure) })
        {
            if (failure is not null)
            {
                Console.WriteLine($"{side}: {failure}");
            }
        }
    }

    /// <summary>Makes <paramref name="count"/> live counters, 1,000 at a time; returns the RSS they added, how many live, and why the first one that failed failed.</summary>
    private static async Task<(double Rss, int Live, string? Failure)> LiveMemoryAsync(Func<string, Props> props, string prefix, int count)
    {
        await using ActorSystem system = ActorSystem.Create("bench", new ActorSystemOptions { DeadLetterLogLimit = 0, ShutdownTimeout = TimeSpan.FromMinutes(5) });
        long before = Rss();
        IActorRef region = system.ActorOf(Props.Create(() => new EntityRegion(props)));
        (int live, string? failure) = await ActivateAsync(region, prefix, count);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long after = Rss();
        GC.KeepAlive(region);
        return (after - before, live, failure);
    }

    /// <summary>
    /// Sends one increment to each of <paramref name="count"/> entities, 1,000 at a time, so that they
    /// are alive; returns how many are, and if one failed, which one first, its error and the
    /// process's mappings at that point.
    /// </summary>
    private static async Task<(int Live, string? Failure)> ActivateAsync(IActorRef region, string prefix, int count)
    {
        var one = new EntityCall("increment", [ScriptValue.FromInteger(1)]);
        for (int start = 0; start < count; start += 1_000)
        {
            object[] replies = await Task.WhenAll(Enumerable.Range(start, Math.Min(1_000, count - start))
                .Select(i => region.Ask<object>(new EntityEnvelope(prefix + i, one), TimeSpan.FromMinutes(1))));
            int failed = Array.FindIndex(replies, r => r is not CallResult { IsSuccess: true });
            if (failed >= 0)
            {
                int mappings = File.ReadLines("/proc/self/maps").Count();
                string error = replies[failed] is CallResult result ? result.Error?.ToString() ?? "?" : replies[failed]?.ToString() ?? "null";
                int live = start + replies.Count(r => r is CallResult { IsSuccess: true });
                return (live, string.Create(CultureInfo.InvariantCulture, $"{live:N0} live; entity {start + failed:N0} (batch of 1,000 from {start:N0}) failed first, with {mappings:N0} mappings in the process: {error}"));
            }
        }

        return (count, null);
    }

    private static long Rss()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }

    private static void Row(string what, double wasm, double csharp, string format, double ratio) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {wasm.ToString(format, CultureInfo.InvariantCulture)} | {csharp.ToString(format, CultureInfo.InvariantCulture)} | {ratio:F2} |"));

    /// <summary>The counter's logic as a plain C# actor: it keeps its count in the same durable store, one write in flight at a time.</summary>
    private sealed class PlainCounter : ReceiveActor
    {
        private readonly string _persistenceId;
        private readonly IPersistenceProvider _store;
        private long _count;
        private long _revision;
        private bool _loaded;
        private bool _dirty;
        private Task _inFlight = Task.CompletedTask;

        public PlainCounter(string persistenceId, IPersistenceProvider store)
        {
            _persistenceId = persistenceId;
            _store = store;
            ReceiveAsync<EntityCall>(OnCallAsync);
            Receive<Written>(_ => Write());
        }

        private async Task OnCallAsync(EntityCall call)
        {
            if (!_loaded)
            {
                DurableStateRecord? record = await _store.DurableState.GetAsync(_persistenceId).ConfigureAwait(false);
                _count = record is null ? 0 : StateRow.Decode(record.Payload.Span)["count"].AsInteger();
                _revision = record?.Revision ?? 0;
                _loaded = true;
            }

            long by = call.Arguments[0].AsInteger();
            _count += by;
            _dirty |= by != 0;
            Write();
            if (!ReferenceEquals(Sender, Context.System.DeadLetters))
            {
                Sender.Tell(CallResult.Success(ScriptValue.FromInteger(_count)));
            }
        }

        private void Write()
        {
            if (!_dirty || !_inFlight.IsCompleted)
            {
                return;
            }

            _dirty = false;
            var row = new StateRow();
            row.TrySet("count", ScriptValue.FromInteger(_count));
            _inFlight = _store.DurableState.UpsertAsync(_persistenceId, ++_revision, row.Encode(), "wasgo-row-v1");
            _inFlight.ContinueWith(static (_, self) => ((IActorRef)self!).Tell(Written.Instance), Self, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        private sealed class Written
        {
            public static Written Instance { get; } = new();
        }
    }
}
