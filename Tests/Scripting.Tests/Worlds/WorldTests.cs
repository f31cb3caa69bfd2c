using System.Diagnostics;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Persistence;
using Wasmtime;

namespace WasGo.Scripting.Tests.Worlds;

public sealed class WorldTests : IDisposable
{
    private readonly ScriptRuntime _runtime = new();
    private readonly byte[] _wanderer = Module.ConvertText(WorldScripts.Wanderer);
    private readonly string _hash;
    private readonly Module _module;

    public WorldTests()
    {
        _hash = ModuleHash.Of(_wanderer);
        _module = _runtime.Compile(_hash, _wanderer);
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void TwoWorlds_Should_ProduceTheSameDigestAtEveryTick_FromTheSameInputs()
    {
        Dictionary<long, IReadOnlyList<WorldInput>> inputs = Recording(seed: 1, ticks: 600);

        string[] first = Run(inputs, 600);
        string[] second = Run(inputs, 600);

        second.Should().Equal(first);
        first.Distinct().Count().Should().BeGreaterThan(590, "the entities move every tick, so the digest changes every tick");
    }

    [Fact]
    public void AWorldWhoseEntitiesRunInParallel_InAnyOrder_Should_DigestAsOneThatRunsThemInIdOrder()
    {
        // Every wanderer's peer is w00, so w00 is bumped by several in a tick, and its heat depends on their order.
        Dictionary<long, IReadOnlyList<WorldInput>> inputs = Recording(seed: 3, ticks: 600, peerOf: static _ => 0);
        var runner = new ShuffledParallelRunner(seed: 11);

        string[] inOrder = Run(inputs, 600);
        string[] parallel = Run(inputs, 600, runner);

        parallel.Should().Equal(inOrder);
        runner.Threads.Should().BeGreaterThan(1, "the batches ran on more than one thread");
    }

    [Fact]
    public void ADifferentInput_Should_ChangeTheDigestFromThatTickOn()
    {
        Dictionary<long, IReadOnlyList<WorldInput>> inputs = Recording(seed: 1, ticks: 200);
        Dictionary<long, IReadOnlyList<WorldInput>> changed = new(inputs)
        {
            [100] = [new CallInput("w03", "bump", [ScriptValue.FromFloat(1.5)])],
        };

        string[] baseline = Run(inputs, 200);
        string[] other = Run(changed, 200);

        other[..99].Should().Equal(baseline[..99]);
        other[99..].Should().NotIntersectWith(baseline[99..]);
    }

    [Fact]
    public void Timers_Should_FireWhenTheWorldTimeReachesTheirDelay()
    {
        using World world = NewWorld();
        world.Step([new SpawnInput("solo", _hash)]); // tick 1 runs at time 0: the 750 ms timer is due at time 0.75, after tick 15
        for (int tick = 2; tick <= 14; tick++)
        {
            world.Step([]);
        }

        world.StateOf("solo")!.ContainsKey("alarms").Should().BeFalse();
        world.Step([]);
        world.StateOf("solo")!["alarms"].AsInteger().Should().Be(1);
        world.Time.Should().Be(0.75);
        for (int tick = 16; tick <= 30; tick++)
        {
            world.Step([]);
        }

        world.StateOf("solo")!["alarms"].AsInteger().Should().Be(2, "the timer repeats every 15 ticks");
    }

    [Fact]
    public void Messages_Should_ReachTheirTargetWithinTheTick_AndInputsBeAppliedInOrder()
    {
        using World world = NewWorld();
        TickResult first = world.Step(
        [
            new SpawnInput("a", _hash),
            new SpawnInput("b", _hash),
            new CallInput("b", "bump", [ScriptValue.FromFloat(4)]),
            new CallInput("missing", "bump", [ScriptValue.FromFloat(4)]),
            new SpawnInput("a", _hash),
        ]);

        first.InputResults.Select(r => r.IsSuccess).Should().Equal(true, true, true, false, false);
        world.StateOf("b")!["bumps"].AsInteger().Should().Be(1);
        world.StateOf("b")!["heat"].AsFloat().Should().Be(2.0);
        world.EntityIds.Should().Equal("a", "b");
    }

    [Fact]
    public void ADespawnedEntity_Should_LeaveTheWorldAndTheDigest()
    {
        using World world = NewWorld();
        world.Step([new SpawnInput("a", _hash)]);
        byte[] alone = world.Digest();
        world.Step([new SpawnInput("b", _hash)]);
        world.Step([new DespawnInput("b")]);

        world.EntityIds.Should().Equal("a");
        world.StateOf("b").Should().BeNull();
        world.Digest().Should().NotEqual(alone, "a moved meanwhile");
    }

    [Fact]
    public void RecordedTicks_Should_SurviveEncoding()
    {
        var tick = new RecordedTick(42,
        [
            new SpawnInput("e1", _hash),
            new CallInput("e1", "set_peer", [ScriptValue.FromString("e2"), ScriptValue.FromInteger(-7), ScriptValue.FromFloat(double.NaN), ScriptValue.FromBytes([1, 2]), ScriptValue.Nil]),
            new DespawnInput("e1"),
        ]);

        RecordedTick decoded = RecordedTick.Decode(tick.Encode());

        decoded.Tick.Should().Be(42);
        decoded.Inputs.Should().HaveCount(3);
        decoded.Inputs[0].Should().Be(tick.Inputs[0]);
        ((CallInput)decoded.Inputs[1]).Arguments.Should().Equal(((CallInput)tick.Inputs[1]).Arguments);
        decoded.Inputs[2].Should().Be(tick.Inputs[2]);
        FluentActions.Invoking(() => RecordedTick.Decode(tick.Encode().AsSpan(0, 20))).Should().Throw<FormatException>();
    }

    [Fact]
    public async Task TwoHostsInSeparateProcesses_Should_AgreeOnEveryDigest_For10000Ticks()
    {
        const int Ticks = 10_000;
        Dictionary<long, IReadOnlyList<WorldInput>> inputs = Recording(seed: 7, ticks: Ticks);
        string folder = Path.Combine(Path.GetTempPath(), "wasgo-world-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string module = Path.Combine(folder, "wanderer.wasm");
            string recording = Path.Combine(folder, "inputs.bin");
            await File.WriteAllBytesAsync(module, _wanderer);
            await File.WriteAllBytesAsync(recording, Encode(inputs));

            Task<string[]> hostA = RunProcessAsync(module, recording, Ticks);
            Task<string[]> hostB = RunProcessAsync(module, recording, Ticks);
            string[][] hosts = await Task.WhenAll(hostA, hostB);

            hosts[0].Should().HaveCount(Ticks);
            for (int i = 0; i < Ticks; i++)
            {
                hosts[1][i].Should().Be(hosts[0][i], $"both hosts must agree at tick {i + 1}");
            }

            string[] here = Run(inputs, Ticks);
            hosts[0].Select(line => line.Split(' ')[1]).Should().Equal(here, "this process agrees too");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AReadyTheWallClockStopped_Should_LeaveNothingInMemory_SoThatAReplayOfItMatches()
    {
        // "boom" traps after "arm" ran on the instance, so it is retried on a fresh one, and traps
        // again: each fresh instance's _ready counts itself in memory, then spins until the wall clock stops it.
        Module spinner = _runtime.Compile("spinner", Module.ConvertText(WorldScripts.ReadySpinner));
        IReadOnlyList<WorldInput>[] ticks =
        [
            [new SpawnInput("s", "spinner")],
            [new CallInput("s", "arm", [])],
            [new CallInput("s", "boom", []), new CallInput("s", "peek", []), new CallInput("s", "disarm", [])],
        ];
        World Spinning() => new(new WorldOptions { FuelPerCall = long.MaxValue / 4, CallTimeLimit = TimeSpan.FromMilliseconds(50) }, _runtime, _ => spinner, NullLogger.Instance);
        using World live = Spinning();
        TickResult[] lived = [.. ticks.Select(inputs => live.Step(inputs))];
        using World replayed = Spinning();

        TickResult[] again = [.. ticks.Select((inputs, i) => replayed.Step(inputs, lived[i].TimedOutCalls))];

        lived[2].TimedOutCalls.Should().Equal(new TimedOutCall("s", 1), new TimedOutCall("s", 3));
        live.StateOf("s")!["seen"].AsInteger().Should().Be(0, "the stopped _ready's instance was replaced by one nothing ran on");
        again.Select(t => t.DigestHex).Should().Equal(lived.Select(t => t.DigestHex), "a replay never runs the stopped _ready, and need not");
    }

    private static byte[] Encode(Dictionary<long, IReadOnlyList<WorldInput>> inputs)
    {
        var bytes = new List<byte>();
        foreach ((long tick, IReadOnlyList<WorldInput> tickInputs) in inputs.OrderBy(p => p.Key))
        {
            byte[] encoded = new RecordedTick(tick, tickInputs).Encode();
            bytes.AddRange(BitConverter.GetBytes(encoded.Length));
            bytes.AddRange(encoded);
        }

        return [.. bytes];
    }

    private static async Task<string[]> RunProcessAsync(string module, string recording, int ticks)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WasGo.Scripting.WorldRunner.dll"));
        start.ArgumentList.Add(module);
        start.ArgumentList.Add(recording);
        start.ArgumentList.Add(ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        process.ExitCode.Should().Be(0, await errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A recording: 12 wanderers in a ring (or another shape) at tick 1, then bumps at seeded random ticks, and one entity leaving and coming back.</summary>
    private Dictionary<long, IReadOnlyList<WorldInput>> Recording(int seed, int ticks, Func<int, int>? peerOf = null)
    {
        peerOf ??= static i => (i + 1) % 12;
        var random = new Random(seed);
        var inputs = new Dictionary<long, IReadOnlyList<WorldInput>>();
        var start = new List<WorldInput>();
        for (int i = 0; i < 12; i++)
        {
            start.Add(new SpawnInput($"w{i:D2}", _hash));
            start.Add(new CallInput($"w{i:D2}", "set_peer", [ScriptValue.FromString($"w{peerOf(i):D2}")]));
        }

        inputs[1] = start;
        for (int n = 0; n < ticks / 20; n++)
        {
            long tick = random.Next(2, ticks);
            inputs[tick] = [new CallInput($"w{random.Next(12):D2}", "bump", [ScriptValue.FromFloat(random.NextDouble() * 10)])];
        }

        inputs[ticks / 2] = [new DespawnInput("w05")];
        inputs[(ticks / 2) + 1] = [new SpawnInput("w05", _hash), new CallInput("w05", "set_peer", [ScriptValue.FromString("w06")])];
        return inputs;
    }

    private string[] Run(Dictionary<long, IReadOnlyList<WorldInput>> inputs, int ticks, IEntityBatchRunner? runner = null)
    {
        using World world = NewWorld(runner);
        var digests = new string[ticks];
        for (long tick = 1; tick <= ticks; tick++)
        {
            digests[tick - 1] = world.Step(inputs.GetValueOrDefault(tick, [])).DigestHex;
        }

        return digests;
    }

    private World NewWorld(IEntityBatchRunner? runner = null) => new(new WorldOptions { WorldId = "replayed" }, _runtime, h => h == _hash ? _module : null, NullLogger.Instance, runner);
}
