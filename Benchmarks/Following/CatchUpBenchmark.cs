using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Host.Demo;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Benchmarks.Following;

/// <summary>
/// <c>cosim catchup [ticks=10000] [entities=100] [rounds=5]</c> (issue 16): how fast a client that
/// runs a world's scripts itself catches up on the world's inputs. A world of moving entities (70%
/// example <c>npc</c>s, which wander at random, and 30% <c>pet</c>s, which walk to a target and run a
/// timer), with calls as inputs every 500 ticks, is stepped <c>ticks</c> times by
/// <see cref="World.StepAsync"/> while an <see cref="InputFeedWindow"/> records its ticks, as the
/// host's world actor does: that is the baseline, the host's own stepping. Then a
/// <see cref="WorldReplica"/> is built from the encoded start frame of a client joining at the end
/// (no snapshot, every recorded tick since 0): the client's catch-up. Then a second replica is
/// stepped frame by frame from every tick's encoded frame, each digest checked: a live client. Both
/// replicas must end at the host world's digest, or the run fails. Every runtime has the settings the
/// feed carries (<see cref="InputFeedSettings.ToRuntimeOptions"/>); the client's runtime is its own,
/// its modules compiled before the clock starts (the compile is timed on its own line).
/// </summary>
public static class CatchUpBenchmark
{
    private const double TickRate = 60;

    // Ticks 1..1,100 of an unmeasured round: the JIT's optimized tiers, and one instance refresh (tick 1,024).
    private const int WarmUpTicks = 1_100;

    // Calls as inputs at every tick that is a multiple of this.
    private const int CallEvery = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        int ticks = Argument(args, 1, 10_000);
        int entities = Argument(args, 2, 100);
        int rounds = Argument(args, 3, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(ticks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(entities, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);

        var worldOptions = new WorldOptions { WorldId = "cosim", TickRate = TickRate };
        ScriptRuntimeOptions runtimeOptions = InputFeedSettings.Of(worldOptions, new ScriptRuntimeOptions()).ToRuntimeOptions();
        InputFeedSettings settings = InputFeedSettings.Of(worldOptions, runtimeOptions);
        var modules = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string name in new[] { "npc", "pet" })
        {
            byte[] bytes = ExampleModules.Read(name);
            modules[ModuleHash.Of(bytes)] = bytes;
        }

        using var hostRuntime = new ScriptRuntime(runtimeOptions);
        var hostModules = new Dictionary<string, Module>(StringComparer.Ordinal);
        foreach ((string hash, byte[] bytes) in modules)
        {
            hostModules[hash] = await hostRuntime.CompileAsync(hash, bytes);
        }

        // The client's runtime: compiled by the client, from the bytes it fetched by hash.
        using var clientRuntime = new ScriptRuntime(runtimeOptions);
        var clientModules = new Dictionary<string, Module>(StringComparer.Ordinal);
        long compileStart = Stopwatch.GetTimestamp();
        foreach ((string hash, byte[] bytes) in modules)
        {
            clientModules[hash] = await clientRuntime.CompileAsync(hash, bytes);
        }

        double compileMs = Stopwatch.GetElapsedTime(compileStart).TotalMilliseconds;
        var schedule = new Schedule(entities, ExampleHash(modules, "npc"), ExampleHash(modules, "pet"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"client catch-up: {schedule.Npcs} npc + {schedule.Pets} pet entities at {TickRate} ticks/s, calls as inputs every {CallEvery} ticks, {ticks:N0} ticks per round, {rounds} rounds after a {WarmUpTicks:N0}-tick warm-up; {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the client compiles npc and pet in-process in {compileMs:F0} ms (not in the times below)"));

        await RoundAsync(WarmUpTicks, worldOptions, settings, hostRuntime, hostModules, clientRuntime, clientModules, schedule);
        var results = new List<Round>();
        for (int round = 0; round < rounds; round++)
        {
            Round result = await RoundAsync(ticks, worldOptions, settings, hostRuntime, hostModules, clientRuntime, clientModules, schedule);
            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: host {result.HostSeconds:F2} s, catch-up {result.CatchUpSeconds:F2} s (decode {result.DecodeMs:F1} ms), frame by frame {result.FramesSeconds:F2} s; digest of tick {ticks:N0} {result.Digest}, both replicas agree"));
        }

        Round first = results[0];
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start frame of a client joining at tick {ticks:N0}: {first.StartFrameBytes:N0} bytes ({first.RecordedTicks} recorded ticks, no snapshot); tick frames {first.TickFrameBytes:N0} bytes in all, {first.TickFrameBytes / (double)ticks:F1} per tick"));
        Console.WriteLine();
        Console.WriteLine("| stepping | ticks | each round (s) | median (s) | ticks/s | ratio to the host |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|");
        double host = Median(results.Select(r => r.HostSeconds));
        Row("the host's world, World.StepAsync (baseline)", ticks, results.Select(r => r.HostSeconds), host);
        Row("client catch-up: start frame decoded, WorldReplica.StartAsync", ticks, results.Select(r => r.CatchUpSeconds), host);
        Row("live client: each tick frame decoded, WorldReplica.StepAsync, digest checked", ticks, results.Select(r => r.FramesSeconds), host);
        return 0;
    }

    private static async Task<Round> RoundAsync(
        int ticks,
        WorldOptions worldOptions,
        InputFeedSettings settings,
        ScriptRuntime hostRuntime,
        Dictionary<string, Module> hostModules,
        ScriptRuntime clientRuntime,
        Dictionary<string, Module> clientModules,
        Schedule schedule)
    {
        // The garbage of the round before is not this round's.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The host: each tick's inputs applied by World.StepAsync, and recorded as the world actor records them.
        var window = new InputFeedWindow();
        window.Begin(null);
        var frames = new byte[ticks][];
        byte[] emptyDigest;
        byte[] finalDigest;
        long hostStart;
        double hostSeconds;
        using (var world = new World(worldOptions, hostRuntime, hash => hostModules.GetValueOrDefault(hash), NullLogger.Instance))
        {
            emptyDigest = world.Digest();
            var inputs = new IReadOnlyList<WorldInput>[ticks];
            for (int i = 0; i < ticks; i++)
            {
                inputs[i] = schedule.InputsOf(i + 1);
            }

            var results = new TickResult[ticks];
            hostStart = Stopwatch.GetTimestamp();
            for (int i = 0; i < ticks; i++)
            {
                TickResult result = await world.StepAsync(inputs[i]);
                results[i] = result;
                window.Record(new InputFeedTick(result.Tick, inputs[i], result.TimedOutCalls, result.Digest));
            }

            hostSeconds = Stopwatch.GetElapsedTime(hostStart).TotalSeconds;
            for (int i = 0; i < ticks; i++)
            {
                Check(results[i]);
                frames[i] = new InputFeedTick(results[i].Tick, inputs[i], results[i].TimedOutCalls, results[i].Digest).Encode();
            }

            finalDigest = world.Digest();
        }

        Func<string, CancellationToken, Task<Module>> load = (hash, _) =>
            Task.FromResult(clientModules.TryGetValue(hash, out Module? module) ? module : throw new InvalidOperationException($"The client has no module {hash}."));

        // A client joining at the end: the start frame's bytes, decoded, then every recorded tick stepped.
        byte[] startFrame = window.StartAt(settings, ticks, finalDigest).Encode();
        GC.Collect();
        long catchUpStart = Stopwatch.GetTimestamp();
        var start = (InputFeedStart)InputFeedFrame.Decode(startFrame);
        double decodeMs = Stopwatch.GetElapsedTime(catchUpStart).TotalMilliseconds;
        double catchUpSeconds;
        using (WorldReplica replica = await WorldReplica.StartAsync(start, clientRuntime, load, NullLogger.Instance))
        {
            byte[] reached = replica.World.Digest();
            catchUpSeconds = Stopwatch.GetElapsedTime(catchUpStart).TotalSeconds;
            if (replica.Tick != ticks || !reached.AsSpan().SequenceEqual(start.Digest))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The caught-up replica is at tick {replica.Tick} with digest {Convert.ToHexStringLower(reached)}; the host's world was at tick {ticks} with {Convert.ToHexStringLower(finalDigest)}."));
            }
        }

        // A live client: the empty world at tick 0, then every tick's frame as it comes, its digest checked.
        var joined = new InputFeedStart(settings, null, 0, [], 0, emptyDigest);
        GC.Collect();
        long framesStart = Stopwatch.GetTimestamp();
        double framesSeconds;
        using (WorldReplica replica = await WorldReplica.StartAsync((InputFeedStart)InputFeedFrame.Decode(joined.Encode()), clientRuntime, load, NullLogger.Instance))
        {
            foreach (byte[] frame in frames)
            {
                var tick = (InputFeedTick)InputFeedFrame.Decode(frame);
                TickResult result = await replica.StepAsync(tick);
                if (!result.Digest.AsSpan().SequenceEqual(tick.Digest))
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"The live replica disagrees at tick {tick.Tick}: {result.DigestHex}, the host's {tick.DigestHex}."));
                }
            }

            framesSeconds = Stopwatch.GetElapsedTime(framesStart).TotalSeconds;
            if (!replica.World.Digest().AsSpan().SequenceEqual(finalDigest))
            {
                throw new InvalidOperationException("The live replica ended at another digest than the host's world.");
            }
        }

        return new Round(hostSeconds, catchUpSeconds, decodeMs, framesSeconds, startFrame.Length, start.Since.Count, frames.Sum(f => (long)f.Length), Convert.ToHexStringLower(finalDigest));
    }

    private static void Row(string stepping, int ticks, IEnumerable<double> seconds, double baseline)
    {
        double[] each = [.. seconds];
        double median = Median(each);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {stepping} | {ticks:N0} | {string.Join(", ", each.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} | {median:F2} | {ticks / median:N0} | {baseline / median:F2}× |"));
    }

    /// <summary>A tick in which an input failed, a call was given up or stopped by the clock measured something else: the run stops.</summary>
    private static void Check(TickResult result)
    {
        if (result.InputResults.FirstOrDefault(r => !r.IsSuccess) is { } failed)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"An input of tick {result.Tick} failed: {failed.Error}"));
        }

        if (result.GivenUp.Count > 0 || result.TimedOutCalls.Count > 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Tick {result.Tick} gave up {result.GivenUp.Count} calls and timed out {result.TimedOutCalls.Count}."));
        }
    }

    private static string ExampleHash(Dictionary<string, byte[]> modules, string name)
    {
        byte[] bytes = ExampleModules.Read(name);
        return modules.First(m => m.Value.AsSpan().SequenceEqual(bytes)).Key;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Argument(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    /// <summary>What a round measured.</summary>
    private sealed record Round(double HostSeconds, double CatchUpSeconds, double DecodeMs, double FramesSeconds, int StartFrameBytes, int RecordedTicks, long TickFrameBytes, string Digest);

    /// <summary>
    /// The world's inputs, the same in every round: at tick 1 the spawns, each pet given an npc as its
    /// owner and a place to walk to; at every multiple of <see cref="CallEvery"/>, each pet a new
    /// place, five npcs greeted and five pets fed.
    /// </summary>
    private sealed class Schedule
    {
        private readonly string[] _npcs;
        private readonly string[] _pets;
        private readonly string _npcHash;
        private readonly string _petHash;

        public Schedule(int entities, string npcHash, string petHash)
        {
            int npcs = entities * 7 / 10;
            string format = "D" + Math.Max(3, entities.ToString(CultureInfo.InvariantCulture).Length).ToString(CultureInfo.InvariantCulture);
            _npcs = [.. Enumerable.Range(1, npcs).Select(i => "npc-" + i.ToString(format, CultureInfo.InvariantCulture))];
            _pets = [.. Enumerable.Range(1, entities - npcs).Select(i => "pet-" + i.ToString(format, CultureInfo.InvariantCulture))];
            _npcHash = npcHash;
            _petHash = petHash;
        }

        public int Npcs => _npcs.Length;

        public int Pets => _pets.Length;

        public List<WorldInput> InputsOf(long tick)
        {
            var inputs = new List<WorldInput>();
            if (tick == 1)
            {
                inputs.AddRange(_npcs.Select(id => new SpawnInput(id, _npcHash)));
                inputs.AddRange(_pets.Select(id => new SpawnInput(id, _petHash)));
                for (int i = 0; i < _pets.Length; i++)
                {
                    inputs.Add(new CallInput(_pets[i], "set_owner", [ScriptValue.FromString(_npcs[i % _npcs.Length])]));
                }
            }

            if (tick == 1 || tick % CallEvery == 0)
            {
                long step = tick / CallEvery;
                for (int i = 0; i < _pets.Length; i++)
                {
                    inputs.Add(new CallInput(_pets[i], "owner_moved", [ScriptValue.FromFloat(((i + step) % 9) * 4.0 - 16), ScriptValue.FromFloat(((i * 3 + step) % 7) * 5.0 - 15)]));
                }

                for (int i = 0; i < 5; i++)
                {
                    inputs.Add(new CallInput(_npcs[(int)((step * 5 + i) % _npcs.Length)], "greet", [ScriptValue.FromString("client")]));
                    inputs.Add(new CallInput(_pets[(int)((step * 5 + i) % _pets.Length)], "feed", []));
                }
            }

            return inputs;
        }
    }
}
