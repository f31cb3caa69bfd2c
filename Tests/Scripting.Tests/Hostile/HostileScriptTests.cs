using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Actors.TestKit;
using WasGo.Persistence;
using Wasmtime;

namespace WasGo.Scripting.Tests.Hostile;

/// <summary>
/// Scripts written to hurt the host: each is contained, and everything else keeps running. Tests
/// with the default limits run in a <see cref="ScriptHarness"/>; those that set a limit of their own
/// run a <see cref="World"/> with it.
/// </summary>
public sealed class HostileScriptTests
{
    [Fact]
    public void AnInfiniteLoop_Should_RunOutOfFuel()
    {
        using var world = new LimitedWorld(new WorldOptions { FuelPerCall = 100_000 });
        world.Spawn("h", HostileScripts.Hostile).IsSuccess.Should().BeTrue();

        CallResult result = world.Call("h", "spin");

        result.Error!.Code.Should().Be(ScriptErrorCode.OutOfFuel);
        result.Error.Message.Should().Contain("used up its fuel (100000 per call)");
    }

    [Fact]
    public void AnInfiniteLoop_Should_BeStoppedAtTheTimeLimit_WhenItsFuelWouldLastLonger()
    {
        using var world = new LimitedWorld(new WorldOptions { FuelPerCall = long.MaxValue / 4, CallTimeLimit = TimeSpan.FromMilliseconds(50) });
        world.Spawn("h", HostileScripts.Hostile).IsSuccess.Should().BeTrue();
        world.Spawn("other", HostileScripts.Counter).IsSuccess.Should().BeTrue();

        // One tick: the spin, then (after "h" in id order, in the same phase) a call of another entity.
        TickResult tick = world.World.Step(
        [
            new CallInput("h", "spin", []),
            new CallInput("other", "increment", [ScriptValue.FromInteger(1)]),
        ]);

        tick.InputResults[1].IsSuccess.Should().BeTrue("other entities keep serving meanwhile");
        tick.InputResults[1].Value.AsInteger().Should().Be(1);
        world.World.StateOf("other")!["count"].AsInteger().Should().Be(2, "the other entity's _process ran in the same tick");
        CallResult result = tick.InputResults[0];
        result.Error!.Code.Should().Be(ScriptErrorCode.TimedOut);
        result.Error.Message.Should().Contain("ran longer than its limit of 50 ms");
        tick.TimedOutCalls.Should().Contain(c => c.EntityId == "h", "the tick reports the wall clock's stops, for a replay to repeat");
        world.Call("h", "write_big").Value.AsInteger().Should().Be(-2, "the entity itself keeps serving after giving up");
    }

    [Fact]
    public void UnboundedRecursion_Should_Trap_NotOverflowTheHostStack()
    {
        using var harness = new ScriptHarness();
        harness.Spawn(Module.ConvertText(HostileScripts.Hostile), "h").IsSuccess.Should().BeTrue();

        CallResult result = harness.CallOn("h", "recurse", 0L);

        result.Error!.Code.Should().Be(ScriptErrorCode.Trapped);
        result.Error.Message.Should().Contain("call stack");
    }

    [Fact]
    public void MemoryGrowth_Should_StopAtTheLimit()
    {
        using var world = new LimitedWorld(new WorldOptions(), new ScriptRuntimeOptions { MaxMemoryPages = 16 });
        world.Spawn("h", HostileScripts.Hostile).IsSuccess.Should().BeTrue();

        CallResult result = world.Call("h", "grow");

        result.Value.AsInteger().Should().Be(16, "memory.grow fails at the limit and the script sees -1");
    }

    [Fact]
    public void OversizedStateWrites_Should_BeRefusedByTheImport_LeavingTheRowWithinItsLimits()
    {
        using var harness = new ScriptHarness();
        harness.Spawn(Module.ConvertText(HostileScripts.Hostile), "h").IsSuccess.Should().BeTrue();

        harness.CallOn("h", "write_big").Value.AsInteger().Should().Be(-2);
        harness.CallOn("h", "many_columns").Value.AsInteger().Should().Be(-2);

        IReadOnlyDictionary<string, ScriptValue> state = harness.State("h");
        state.Should().NotContainKey("big");
        state.Count.Should().BeLessThanOrEqualTo(AbiLimits.MaxColumns);
    }

    [Fact]
    public void ACallStormBetweenTwoEntities_Should_NotStopOtherEntities()
    {
        int share = new WorldOptions().MaxMessagesPerEntityPerTick;
        using var harness = new ScriptHarness();
        byte[] hostile = Module.ConvertText(HostileScripts.Hostile);
        harness.Spawn(hostile, "a").IsSuccess.Should().BeTrue();
        harness.Spawn(hostile, "b").IsSuccess.Should().BeTrue();
        harness.Spawn(Module.ConvertText(HostileScripts.Counter), "c").IsSuccess.Should().BeTrue();

        harness.CallOn("a", "ping", "b").IsSuccess.Should().BeTrue(); // a → b → a → … for ever
        long pingsOfA = harness.State("a")["pings"].AsInteger();
        long pingsOfB = harness.State("b")["pings"].AsInteger();
        pingsOfB.Should().Be(share, "the storm went on until b had received its share of the tick");

        for (int i = 1; i <= 20; i++)
        {
            // The counter is served between ticks and runs its _process on every tick, while the storm goes on.
            harness.CallOn("c", "increment", 1L).Value.AsInteger().Should().Be((2 * i) - 1);
            harness.RunTicks(1);
            harness.State("c")["count"].AsInteger().Should().Be(2 * i);

            long a = harness.State("a")["pings"].AsInteger();
            long b = harness.State("b")["pings"].AsInteger();
            (a - pingsOfA).Should().Be(share, "the storm goes on in every tick, each peer receiving its share of the tick and no more");
            (b - pingsOfB).Should().Be(share);
            (pingsOfA, pingsOfB) = (a, b);
        }

        harness.Tick.Should().Be(20);
    }

    [Fact]
    public void AWorld_Should_KeepTicking_AndStayDeterministic_WithALoopingEntityAndACallStorm()
    {
        using var runtime = new ScriptRuntime();
        byte[] hostile = Module.ConvertText(HostileScripts.Hostile);
        byte[] counter = Module.ConvertText(HostileScripts.Counter);
        var modules = new Dictionary<string, Module>
        {
            [ModuleHash.Of(hostile)] = runtime.Compile(ModuleHash.Of(hostile), hostile),
            [ModuleHash.Of(counter)] = runtime.Compile(ModuleHash.Of(counter), counter),
        };

        string[] Run()
        {
            var options = new WorldOptions { FuelPerCall = 50_000, CallTimeLimit = TimeSpan.FromSeconds(30), MaxMessagesPerTick = 500 };
            using var world = new World(options, runtime, modules.GetValueOrDefault, NullLogger.Instance);
            var digests = new List<string>
            {
                world.Step(
                [
                    new SpawnInput("counter", ModuleHash.Of(counter)),
                    new SpawnInput("looper", ModuleHash.Of(hostile)),
                    new SpawnInput("storm-a", ModuleHash.Of(hostile)),
                    new SpawnInput("storm-b", ModuleHash.Of(hostile)),
                    new CallInput("storm-a", "ping", [ScriptValue.FromString("storm-b")]),
                ]).DigestHex,
            };
            long pings = Pings(world);
            for (int tick = 0; tick < 3; tick++)
            {
                TickResult result = world.Step([]);
                result.GivenUp.Should().Contain(g => g.EntityId == "looper" && g.Reason.Contains("used up its fuel", StringComparison.Ordinal));
                Pings(world).Should().Be(pings + options.MaxMessagesPerTick, "the storm goes on, up to the world's message budget of a tick");
                pings = Pings(world);
                digests.Add(result.DigestHex);
            }

            world.StateOf("counter")!["count"].AsInteger().Should().Be(4, "the counter's _process ran on every tick");
            return [.. digests];
        }

        Run().Should().Equal(Run(), "fuel stops the looper at the same instruction every time, so the world stays deterministic");

        static long Pings(World world) => world.StateOf("storm-a")!["pings"].AsInteger() + world.StateOf("storm-b")!["pings"].AsInteger();
    }

    /// <summary>A world with limits of its own, and its own runtime, for a test that needs other limits than a <see cref="ScriptHarness"/>'s defaults.</summary>
    private sealed class LimitedWorld : IDisposable
    {
        private readonly ScriptRuntime _runtime;
        private readonly Dictionary<string, Module> _modules = new(StringComparer.Ordinal);

        public LimitedWorld(WorldOptions options, ScriptRuntimeOptions? runtimeOptions = null)
        {
            _runtime = new ScriptRuntime(runtimeOptions);
            World = new World(options, _runtime, _modules.GetValueOrDefault, NullLogger.Instance);
        }

        public World World { get; }

        /// <summary>Spawns an entity running a module given as text; its <c>_ready</c> runs.</summary>
        public CallResult Spawn(string entityId, string wat)
        {
            byte[] bytes = Module.ConvertText(wat);
            string hash = ModuleHash.Of(bytes);
            if (!_modules.ContainsKey(hash))
            {
                _modules[hash] = _runtime.Compile(hash, bytes);
            }

            return World.Apply(new SpawnInput(entityId, hash)).InputResults[0];
        }

        /// <summary>Calls a method now, between ticks.</summary>
        public CallResult Call(string entityId, string method, params object?[] arguments) =>
            World.Apply(new CallInput(entityId, method, arguments.Select(ScriptValue.FromObject).ToArray())).InputResults[0];

        public void Dispose()
        {
            World.Dispose();
            _runtime.Dispose();
        }
    }
}
