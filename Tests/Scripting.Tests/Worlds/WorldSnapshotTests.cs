using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Persistence;
using Wasmtime;

namespace WasGo.Scripting.Tests.Worlds;

/// <summary>
/// Snapshots of a world, and the refresh of every instance after each multiple of
/// <see cref="World.SnapshotInterval"/> that lets them leave instance memory out.
/// </summary>
public sealed class WorldSnapshotTests : IDisposable
{
    private const long Interval = World.SnapshotInterval;

    private readonly ScriptRuntime _runtime = new();
    private readonly Dictionary<string, Module> _modules = new(StringComparer.Ordinal);
    private readonly WorldOptions _options = new() { WorldId = "snapshots" };
    private readonly string _wanderer;
    private readonly string _pinger;

    public WorldSnapshotTests()
    {
        _wanderer = Deploy(WorldScripts.Wanderer);
        _pinger = Deploy(WorldScripts.Pinger);
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void AWorldRestoredFromASnapshot_Should_DigestAsTheLiveWorldAtEveryLaterTick_AndSoShouldAReplayFromTickZero()
    {
        const long Ticks = (2 * Interval) + 100;
        // Few messages a tick for each entity and few waiting for each sender, so that calls wait in the queue at the snapshot.
        var options = new WorldOptions { WorldId = "snapshots", MaxMessagesPerEntityPerTick = 2, MaxPendingMessagesPerEntity = 8 };
        Dictionary<long, IReadOnlyList<WorldInput>> inputs = Busy(seed: 5, Ticks);
        using World live = NewWorld(options);
        Run lived = Follow(live, inputs, Ticks);
        using World restored = World.Restore(WorldSnapshot.Decode(lived.Snapshots[Interval]), options, _runtime, _modules.GetValueOrDefault, NullLogger.Instance);
        using World replayed = NewWorld(options);

        Run afterRestore = Follow(restored, inputs, Ticks);
        Run fromZero = Follow(replayed, inputs, Ticks);

        afterRestore.Digests.Should().Equal(lived.Digests.Skip((int)Interval), "the restored world goes on from tick {0}", Interval);
        fromZero.Digests.Should().Equal(lived.Digests);
        afterRestore.Snapshots[2 * Interval].Should().Equal(lived.Snapshots[2 * Interval], "the restored world is the live one again at the next snapshot");
        fromZero.Snapshots[2 * Interval].Should().Equal(lived.Snapshots[2 * Interval]);
        WorldSnapshot saved = WorldSnapshot.Decode(lived.Snapshots[Interval]);
        saved.Deliveries.Should().Contain(d => d.ReplyTo != null, "calls were waiting in the queue at the snapshot");
        saved.Undelivered.Should().NotBeEmpty();
        saved.Timers.Should().NotBeEmpty();
        saved.Entities.Should().ContainSingle(e => e.Unavailable != null, "the ghost's module is not deployed");
        saved.TimeBase.Should().NotBe(0, "the tick rate changed before the snapshot");
    }

    [Fact]
    public void ACounterInInstanceMemory_Should_StartAgainAfterTheSnapshotTick_AlikeInTheLiveAndTheRestoredWorld()
    {
        string counter = Deploy(WorldScripts.MemoryCounter);
        using World live = AtTheInterval(new SpawnInput("m1", counter), new SpawnInput("m2", counter), new SpawnInput("m3", counter));
        live.StateOf("m1")!["in_memory"].AsInteger().Should().Be(Interval, "memory lasts from call to call until the refresh");
        // The refresh runs as a phase on the runner, here on thread-pool threads in any order.
        using World restored = Restore(live.CaptureSnapshot(), runner: new ShuffledParallelRunner(seed: 3));

        StepTo(live, Interval + 6);
        StepTo(restored, Interval + 6);

        IReadOnlyDictionary<string, ScriptValue> state = restored.StateOf("m2")!;
        state["in_memory"].AsInteger().Should().Be(6, "the tick after the snapshot began on a fresh instance");
        state["ticks"].AsInteger().Should().Be(Interval + 6);
        state["readies"].AsInteger().Should().Be(2, "_ready ran at the spawn and on the fresh instance");
        live.StateOf("m2").Should().BeEquivalentTo(state);
        restored.Digest().Should().Equal(live.Digest());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void CaptureSnapshot_Should_Refuse_AfterATickThatIsNotAPositiveMultipleOfTheInterval(int ticks)
    {
        using World world = NewWorld();
        world.Step([new SpawnInput("w", _wanderer)]);
        StepTo(world, ticks);

        Action capture = () => world.CaptureSnapshot();

        capture.Should().Throw<InvalidOperationException>().WithMessage($"*tick {world.Tick}*positive multiple of {Interval}*");
    }

    [Fact]
    public void Decode_Should_RefuseTruncatedOrGarbledBytes_WithAFormatExceptionOnly()
    {
        using World world = AtTheInterval(new SpawnInput("p", _pinger), new SpawnInput("w", _wanderer), new SpawnInput("ghost", "not-deployed"));
        byte[] bytes = world.CaptureSnapshot().Encode();
        WorldSnapshot.Decode(bytes).Encode().Should().Equal(bytes);
        var random = new Random(17);

        for (int length = 0; length < bytes.Length; length++)
        {
            FluentActions.Invoking(() => WorldSnapshot.Decode(bytes.AsSpan(0, length))).Should().Throw<FormatException>("{0} of {1} bytes are a truncated snapshot", length, bytes.Length);
        }

        for (int length = 0; length < 200; length += 7)
        {
            byte[] garbage = new byte[length];
            random.NextBytes(garbage);
            FluentActions.Invoking(() => WorldSnapshot.Decode(garbage)).Should().Throw<FormatException>();
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            byte[] garbled = [.. bytes];
            garbled[i] ^= (byte)random.Next(1, 256);
            try
            {
                WorldSnapshot.Decode(garbled); // a changed value may still be a snapshot; any exception but this one fails the test
            }
            catch (FormatException)
            {
            }
        }
    }

    [Fact]
    public void AReadyTheWallClockStopsInTheRefresh_Should_ReplayAlike_FromTheSnapshotAndFromTickZero_GivenTheRecordedStops()
    {
        // Armed at the snapshot's tick, the spinner's _ready runs until the wall clock stops it in the refresh.
        var options = new WorldOptions { WorldId = "snapshots", FuelPerCall = long.MaxValue / 4, CallTimeLimit = TimeSpan.FromMilliseconds(50) };
        var inputs = new Dictionary<long, IReadOnlyList<WorldInput>>
        {
            [1] = [new SpawnInput("s", Deploy(WorldScripts.ReadySpinner))],
            [Interval] = [new CallInput("s", "arm", [])],
            [Interval + 1] = [new CallInput("s", "peek", []), new CallInput("s", "disarm", [])],
        };
        using World live = NewWorld(options);
        Follow(live, inputs, Interval);
        using World restored = Restore(live.CaptureSnapshot(), options);
        TickResult stopped = live.Step(inputs[Interval + 1]);
        using World replayed = NewWorld(options);
        Follow(replayed, inputs, Interval);

        TickResult fromSnapshot = restored.Step(inputs[Interval + 1], stopped.TimedOutCalls);
        TickResult fromZero = replayed.Step(inputs[Interval + 1], stopped.TimedOutCalls);

        stopped.TimedOutCalls.Should().Equal([new TimedOutCall("s", 0)], "the refresh's _ready is the first call of the tick");
        live.StateOf("s")!["seen"].AsInteger().Should().Be(0, "the entity went on on an instance nothing ran on");
        fromSnapshot.DigestHex.Should().Be(stopped.DigestHex);
        fromZero.DigestHex.Should().Be(stopped.DigestHex);
    }

    [Fact]
    public void Restore_Should_NeedTheModulesOfTheEntitiesThatCanRun_AndNameWhatItCannotFind()
    {
        using World world = AtTheInterval(new SpawnInput("w", _wanderer), new SpawnInput("ghost", "not-deployed"));
        WorldSnapshot snapshot = WorldSnapshot.Decode(world.CaptureSnapshot().Encode());

        Action withoutModules = () => World.Restore(snapshot, _options, _runtime, _ => null, NullLogger.Instance);
        Action ofAnotherWorld = () => World.Restore(snapshot, new WorldOptions { WorldId = "elsewhere" }, _runtime, _modules.GetValueOrDefault, NullLogger.Instance);

        snapshot.Tick.Should().Be(Interval);
        snapshot.ModuleHashes.Should().Equal([_wanderer], "the ghost never runs again, so its module is not needed");
        withoutModules.Should().Throw<ArgumentException>().WithMessage($"*'w'*{_wanderer}*ModuleHashes*");
        ofAnotherWorld.Should().Throw<ArgumentException>().WithMessage("*'snapshots'*'elsewhere'*");
    }

    [Fact]
    public void ARestoredWorld_Should_RefuseAnInputBetweenTicks_UntilItsFirstStepGivesItsEntitiesInstances()
    {
        using World world = AtTheInterval(new SpawnInput("w", _wanderer));
        using World restored = Restore(world.CaptureSnapshot());
        var bump = new CallInput("w", "bump", [ScriptValue.FromFloat(4)]);

        Action early = () => restored.Apply(bump);

        early.Should().Throw<InvalidOperationException>().WithMessage("*restored at tick 1024*step it*");
        restored.Step([]);
        restored.Apply(bump).InputResults[0].IsSuccess.Should().BeTrue();
    }

    /// <summary>A world with six wanderers in a ring, four pingers calling p0 (which calls p1) and a ghost, then inputs at seeded random ticks and around the snapshot.</summary>
    private Dictionary<long, IReadOnlyList<WorldInput>> Busy(int seed, long ticks)
    {
        var random = new Random(seed);
        var inputs = new Dictionary<long, IReadOnlyList<WorldInput>>();
        for (int n = 0; n < ticks / 20; n++)
        {
            inputs[random.Next(2, (int)ticks)] = [new CallInput($"w{random.Next(6)}", "bump", [ScriptValue.FromFloat(random.NextDouble() * 10)])];
        }

        var start = new List<WorldInput> { new SpawnInput("ghost", "not-deployed") };
        for (int i = 0; i < 6; i++)
        {
            start.AddRange(Spawn($"w{i}", _wanderer, peer: $"w{(i + 1) % 6}"));
        }

        for (int i = 0; i < 4; i++)
        {
            start.AddRange(Spawn($"p{i}", _pinger, peer: i == 0 ? "p1" : "p0"));
        }

        inputs[1] = start;
        inputs[500] = [new SetTickRateInput(25)];
        inputs[700] = [new CallInput("p2", "set_peer", [ScriptValue.FromString("w1")])]; // it has no echo: error replies
        inputs[900] = [new DespawnInput("w5")];
        inputs[901] = Spawn("w5", _wanderer, peer: "w0");
        inputs[Interval] = [new CallInput("w0", "bump", [ScriptValue.FromFloat(2)])];
        inputs[Interval + 1] = [new CallInput("w1", "bump", [ScriptValue.FromFloat(3)]), new CallInput("p2", "set_peer", [ScriptValue.FromString("p0")])];
        inputs[1300] = [new DespawnInput("p3")];
        inputs[1301] = Spawn("p3", _pinger, peer: "p0");
        inputs[1700] = [new SetTickRateInput(20)];
        return inputs;

        static WorldInput[] Spawn(string id, string module, string peer) =>
            [new SpawnInput(id, module), new CallInput(id, "set_peer", [ScriptValue.FromString(peer)])];
    }

    /// <summary>Steps a world to tick <paramref name="to"/> with the recorded inputs, taking a snapshot at each multiple of the interval.</summary>
    private static Run Follow(World world, Dictionary<long, IReadOnlyList<WorldInput>> inputs, long to)
    {
        var run = new Run([], []);
        while (world.Tick < to)
        {
            TickResult tick = world.Step(inputs.GetValueOrDefault(world.Tick + 1, []));
            run.Digests.Add(tick.DigestHex);
            if (tick.Tick % Interval == 0)
            {
                run.Snapshots[tick.Tick] = world.CaptureSnapshot().Encode();
            }
        }

        return run;
    }

    private static void StepTo(World world, long tick)
    {
        while (world.Tick < tick)
        {
            world.Step([]);
        }
    }

    private World AtTheInterval(params WorldInput[] spawns)
    {
        World world = NewWorld();
        world.Step(spawns);
        StepTo(world, Interval);
        return world;
    }

    /// <summary>Restores a world from a snapshot's encoding, as a recovery would.</summary>
    private World Restore(WorldSnapshot snapshot, WorldOptions? options = null, IEntityBatchRunner? runner = null) =>
        World.Restore(WorldSnapshot.Decode(snapshot.Encode()), options ?? _options, _runtime, _modules.GetValueOrDefault, NullLogger.Instance, runner);

    /// <summary>Compiles a WAT fixture once, by its content hash.</summary>
    /// <returns>The hash.</returns>
    private string Deploy(string wat)
    {
        byte[] bytes = Module.ConvertText(wat);
        string hash = ModuleHash.Of(bytes);
        if (!_modules.ContainsKey(hash))
        {
            _modules[hash] = _runtime.Compile(hash, bytes);
        }

        return hash;
    }

    private World NewWorld(WorldOptions? options = null) => new(options ?? _options, _runtime, _modules.GetValueOrDefault, NullLogger.Instance);

    /// <summary>A world's run: each tick's digest in order, and the encoded snapshots it took, by tick.</summary>
    private sealed record Run(List<string> Digests, Dictionary<long, byte[]> Snapshots);
}
