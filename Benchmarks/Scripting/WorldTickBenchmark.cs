using System.Diagnostics;
using System.Globalization;
using WasGo.Host.Demo;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Benchmarks.Scripting;

/// <summary>
/// <c>worldtick [ticks=400] [entities=1800]</c> (issue 14): one world of the host's example
/// <c>npc</c> (its <c>_process</c> draws two random numbers and reads and writes three columns) at
/// 20 ticks a second, V-Sekai's zone size by default. For each stepper, a fresh world of the same
/// entities, unmeasured warm-up ticks, then the measured ticks paced at the world's rate as a world
/// actor's timer paces them: per tick, the wall time of the step and the process's CPU time during
/// it. The first stepper is the baseline the others' ratios are to, and every stepper's world must
/// end at the same digest, since they run the same deterministic ticks.
/// </summary>
public static class WorldTickBenchmark
{
    private const string ModuleName = "npc";
    private const double TickRate = 20;

    // Enough for the .NET JIT to reach its optimized tiers on the host-call paths (tier-up needs 30
    // calls and a 100 ms pause), which 100 ticks × 1,800 calls and a few hundred ms give it.
    private const int WarmUpTicks = 100;

    private static readonly IReadOnlyList<WorldInput> s_noInputs = [];

    /// <summary>The ways to step a world that are compared; the first is the baseline.</summary>
    private static readonly WorldStepper[] s_steppers =
    [
        // Step runs every entity's batch of each phase in id order on the calling thread: a replay, a client.
        new("sequential", static setup => new DirectWorld(setup.NewWorld())),

        // The batches of a phase spread over the cores without actors: what parallelism costs by itself.
        new("parallel, no actors", static setup => new DirectWorld(setup.NewWorld(new ParallelForRunner()))),

        // A world actor's way: each entity an actor, a phase's batches on all of them at once.
        new("entity actors", static setup => new ActorWorld(setup)),
    ];

    public static void Run(int ticks, int entities)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ticks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(entities, 1);
        byte[] bytes = ExampleModules.Read(ModuleName);
        string hash = ModuleHash.Of(bytes);

        // In-process compiles (no compiler process): the module is the project's own example.
        using var runtime = new ScriptRuntime();
        Module module = runtime.Compile(hash, bytes);
        double budgetMs = 1000 / TickRate;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{entities:N0} '{ModuleName}' entities, {TickRate} ticks/s ({budgetMs} ms a tick), {WarmUpTicks} warm-up ticks, then {ticks:N0} measured; {Environment.ProcessorCount} cores"));
        Console.WriteLine("| stepper | p50 ms | p99 ms | max ms | mean ms | CPU ms/tick | CPU ÷ wall | mean ÷ budget | p99 ÷ budget | ticks over budget | GCs gen0/1/2 | p50 ratio | CPU ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        var results = new List<(WorldStepper Stepper, TickTimes Times)>();
        foreach (WorldStepper stepper in s_steppers)
        {
            TickTimes times = Measure(stepper, runtime, hash, module, entities, ticks);
            TickTimes baseline = results.Count == 0 ? times : results[0].Times;
            results.Add((stepper, times));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {stepper.Name} | {times.P50:F2} | {times.P99:F2} | {times.Max:F2} | {times.MeanWall:F2} | {times.MeanCpu:F2} | {times.MeanCpu / times.MeanWall:F2} | {times.MeanWall / budgetMs:P1} | {times.P99 / budgetMs:P1} | {times.Over(budgetMs)} of {ticks:N0} | {times.Collections.Gen0}/{times.Collections.Gen1}/{times.Collections.Gen2} | {times.P50 / baseline.P50:F2} | {times.MeanCpu / baseline.MeanCpu:F2} |"));
        }

        foreach ((WorldStepper stepper, TickTimes times) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stepper.Name}: digest of tick {times.LastTick:N0} {times.Digest}; World.Digest() alone on that world {times.DigestMs:F2} ms (median of 21)"));
        }

        if (results.Select(r => (r.Times.LastTick, r.Times.Digest)).Distinct().Count() > 1)
        {
            Console.WriteLine("The steppers' worlds ended at different digests: they did not run the same ticks.");
        }
    }

    private static TickTimes Measure(WorldStepper stepper, ScriptRuntime runtime, string hash, Module module, int entities, int ticks)
    {
        using TickedWorld world = stepper.Start(new WorldSetup(new WorldOptions { WorldId = "zone", TickRate = TickRate }, runtime, h => h == hash ? module : null));

        // The spawns are the first tick's inputs, as a world actor would apply them: spawning with
        // Apply would digest the whole world after each of the 1,800. Ids of one width, so that the
        // world's ordinal order is the numeric one.
        string format = "D" + Math.Max(4, entities.ToString(CultureInfo.InvariantCulture).Length).ToString(CultureInfo.InvariantCulture);
        WorldInput[] spawns = [.. Enumerable.Range(1, entities).Select(i => new SpawnInput($"{ModuleName}-{i.ToString(format, CultureInfo.InvariantCulture)}", hash))];
        Check(stepper, world.Step(spawns));
        for (int i = 1; i < WarmUpTicks; i++)
        {
            Check(stepper, world.Step(s_noInputs));
        }

        // The warm-up's and the previous stepper's garbage is not this measurement's.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        (int, int, int) collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        var wallMs = new double[ticks];
        TimeSpan cpu = TimeSpan.Zero;
        TickResult last = null!;
        long period = (long)(Stopwatch.Frequency / TickRate);
        long next = Stopwatch.GetTimestamp();
        for (int i = 0; i < ticks; i++)
        {
            // Paced like a world actor's periodic timer: a tick starts at its time, or at once when the
            // one before overran. Between ticks the process is idle, as a world at 20 ticks/s is.
            long wait = next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
            }

            next += period;
            TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
            long start = Stopwatch.GetTimestamp();
            last = world.Step(s_noInputs);
            wallMs[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu += Environment.CpuUsage.TotalTime - cpuBefore;
            Check(stepper, last);
        }

        (int Gen0, int Gen1, int Gen2) collections = (GC.CollectionCount(0) - collectionsBefore.Item1, GC.CollectionCount(1) - collectionsBefore.Item2, GC.CollectionCount(2) - collectionsBefore.Item3);
        Array.Sort(wallMs);
        return new TickTimes(wallMs, cpu.TotalMilliseconds, collections, last.Tick, last.DigestHex, DigestMs(world));
    }

    /// <summary>The median time of 21 <see cref="World.Digest"/> calls: how much of a tick is hashing every entity's state.</summary>
    private static double DigestMs(TickedWorld world)
    {
        double[] times = new double[21];
        for (int i = 0; i < times.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            world.Digest();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }

    /// <summary>A tick in which an input or an entity's <c>_process</c> failed measured something else: the run stops.</summary>
    private static void Check(WorldStepper stepper, TickResult result)
    {
        if (result.InputResults.FirstOrDefault(r => !r.IsSuccess) is { } failed)
        {
            throw new InvalidOperationException($"{stepper.Name}: an input of tick {result.Tick} failed: {failed.Error}");
        }

        if (result.GivenUp.Count > 0 || result.TimedOutCalls.Count > 0)
        {
            string first = result.GivenUp.Count > 0 ? $"{result.GivenUp[0].EntityId}: {result.GivenUp[0].Reason}" : "a call the wall clock stopped";
            throw new InvalidOperationException($"{stepper.Name}: tick {result.Tick} gave up {result.GivenUp.Count} calls and timed out {result.TimedOutCalls.Count}; first {first}");
        }
    }
}
