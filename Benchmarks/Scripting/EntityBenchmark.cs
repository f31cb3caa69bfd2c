using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Benchmarks.Scripting;

/// <summary>
/// <c>entities [live=100000]</c>: scripted entities as the host runs them — a world actor whose
/// entities are actors (<see cref="ActorWorld"/>), without its journal — beside plain Akka actors
/// doing the same without wasm, in one run: notifications per second (a counter's increment, each
/// entity's calls of a tick as one batch on its actor, the way a tick delivers them), and the
/// memory of many live entities (or where making them fails). Scripts run on the default
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

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    public static void Run(int liveEntities)
    {
        byte[] bytes = Module.ConvertText(Counter);
        string hash = ModuleHash.Of(bytes);
        using var runtime = new ScriptRuntime();
        Module module = runtime.Compile(hash, bytes);
        var setup = new WorldSetup(new WorldOptions { WorldId = "bench" }, runtime, h => h == hash ? module : null);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores"));
        Console.WriteLine("| what | WasGo entity actors (wasm) | plain Akka actors | ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        Throughput(setup, hash);
        Memory(setup, hash, liveEntities);
    }

    private static void Throughput(WorldSetup setup, string hash)
    {
        const int Entities = 1_000;
        const int PerTick = 100;
        const int Ticks = 20;
        double wasm = 0, plain = 0;
        for (int round = 0; round < 2; round++)
        {
            wasm = ScriptedCallsPerSecond(setup, hash, Entities, PerTick, Ticks);
            plain = PlainCallsPerSecond(Entities, PerTick, Ticks);
        }

        Row($"increment notifications/s ({Entities:N0} entities × {PerTick} a tick × {Ticks} ticks)", wasm, plain, "N0", plain / wasm);
    }

    private static double ScriptedCallsPerSecond(WorldSetup setup, string hash, int entities, int perTick, int ticks)
    {
        using var world = new ActorWorld(setup);
        string[] ids = [.. Enumerable.Range(0, entities).Select(static i => "c" + i.ToString("D5", CultureInfo.InvariantCulture))];
        world.Step([.. ids.Select(id => new SpawnInput(id, hash))]);
        WorldInput[] inputs = [.. ids.SelectMany(id => Enumerable.Repeat<WorldInput>(new CallInput(id, "increment", [ScriptValue.FromInteger(1)]), perTick))];
        world.Step(inputs); // warm-up
        var watch = Stopwatch.StartNew();
        TickResult last = null!;
        for (int tick = 0; tick < ticks; tick++)
        {
            last = world.Step(inputs);
        }

        watch.Stop();
        if (last.InputResults[^1] is not { IsSuccess: true } result || result.Value.AsInteger() != (ticks + 1) * perTick)
        {
            throw new InvalidOperationException("A counter lost increments.");
        }

        return (double)entities * perTick * ticks / watch.Elapsed.TotalSeconds;
    }

    private static double PlainCallsPerSecond(int entities, int perTick, int ticks)
    {
        using ActorSystem system = ActorSystem.Create("plain", "akka.actor.default-dispatcher.throughput = 300");
        IActorRef[] counters = [.. Enumerable.Range(0, entities).Select(i => system.ActorOf(Props.Create<PlainCounter>(), "c" + i))];
        long last = Tick(counters, perTick); // warm-up
        var watch = Stopwatch.StartNew();
        for (int tick = 0; tick < ticks; tick++)
        {
            last = Tick(counters, perTick);
        }

        watch.Stop();
        system.Terminate().GetAwaiter().GetResult();
        return last == (ticks + 1L) * perTick ? (double)entities * perTick * ticks / watch.Elapsed.TotalSeconds : throw new InvalidOperationException("A plain counter lost increments.");
    }

    /// <summary>A tick of plain counters: each increment a message, as a plain Akka design has it; the tick ends when every counter has answered its last.</summary>
    private static long Tick(IActorRef[] counters, int perTick)
    {
        foreach (IActorRef counter in counters)
        {
            for (int i = 1; i < perTick; i++)
            {
                counter.Tell(1L);
            }
        }

        long[] answers = Task.WhenAll(counters.Select(c => c.Ask<long>(1L, s_timeout))).GetAwaiter().GetResult();
        return answers[^1];
    }

    private static void Memory(WorldSetup setup, string hash, int count)
    {
        (double wasmRss, int wasmLive, string? failure) = LiveMemory(setup, hash, count);
        (double plainRss, int plainLive) = PlainLiveMemory(count);
        Row($"{count:N0} live counters asked for: live ones made", wasmLive, plainLive, "N0", wasmLive / (double)plainLive);
        Row("… RSS added (MB)", wasmRss / 1e6, plainRss / 1e6, "N0", wasmRss / plainRss);
        Row("… per live entity (KB)", wasmRss / Math.Max(wasmLive, 1) / 1e3, plainRss / Math.Max(plainLive, 1) / 1e3, "F1", wasmRss / Math.Max(wasmLive, 1) / (plainRss / Math.Max(plainLive, 1)));
        if (failure is not null)
        {
            Console.WriteLine("WasGo entities: " + failure);
        }
    }

    /// <summary>Spawns <paramref name="count"/> counters into one world, 2,000 a tick, each then an actor; returns the RSS they added, how many live, and why the first that failed failed.</summary>
    private static (double Rss, int Live, string? Failure) LiveMemory(WorldSetup setup, string hash, int count)
    {
        long before = Rss();
        using var world = new ActorWorld(setup);
        int live = 0;
        for (int start = 0; start < count; start += 2_000)
        {
            TickResult result = world.Step([.. Enumerable.Range(start, Math.Min(2_000, count - start)).Select(i => new SpawnInput("live-" + i.ToString("D6", CultureInfo.InvariantCulture), hash))]);
            int failed = result.InputResults.ToList().FindIndex(static r => !r.IsSuccess);
            live += failed < 0 ? result.InputResults.Count : failed;
            if (failed >= 0)
            {
                int mappings = File.ReadLines("/proc/self/maps").Count();
                return (Settled(before), live, string.Create(CultureInfo.InvariantCulture, $"{live:N0} live; spawn {start + failed:N0} failed first, with {mappings:N0} mappings in the process: {result.InputResults[failed].Error}"));
            }
        }

        return (Settled(before), live, null);
    }

    private static (double Rss, int Live) PlainLiveMemory(int count)
    {
        long before = Rss();
        using ActorSystem system = ActorSystem.Create("plain-live");
        IActorRef[] counters = [.. Enumerable.Range(0, count).Select(i => system.ActorOf(Props.Create<PlainCounter>(), "live-" + i))];
        Task.WhenAll(counters.Select(c => c.Ask<long>(1L, s_timeout))).GetAwaiter().GetResult();
        double rss = Settled(before);
        system.Terminate().GetAwaiter().GetResult();
        return (rss, counters.Length);
    }

    private static double Settled(long before)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Rss() - before;
    }

    private static long Rss()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }

    private static void Row(string what, double wasm, double plain, string format, double ratio) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {wasm.ToString(format, CultureInfo.InvariantCulture)} | {plain.ToString(format, CultureInfo.InvariantCulture)} | {ratio:F2} |"));

    /// <summary>The counter's logic as a plain Akka actor: an increment is a message, answered with the new count when someone asks.</summary>
    private sealed class PlainCounter : ReceiveActor
    {
        private long _count;

        public PlainCounter() =>
            Receive<long>(by =>
            {
                _count += by;
                if (!Sender.IsNobody() && !Sender.Equals(Context.System.DeadLetters))
                {
                    Sender.Tell(_count);
                }
            });
    }
}
