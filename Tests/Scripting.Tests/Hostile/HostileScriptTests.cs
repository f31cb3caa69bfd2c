using System.Diagnostics;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Akka.Actor;
using WasGo.Persistence;
using WasGo.Scripting.Tests.Entities;
using Wasmtime;
using Xunit.Abstractions;

namespace WasGo.Scripting.Tests.Hostile;

/// <summary>Scripts written to hurt the host: each is contained, and everything else keeps running.</summary>
public sealed class HostileScriptTests(ITestOutputHelper output) : EntityTestKit(output)
{
    private const string Hostile = """
        (module
          (import "wasgo" "state_set_string" (func $set_string (param i32 i32 i32 i32) (result i32)))
          (import "wasgo" "state_set_int" (func $set_int (param i32 i32 i64) (result i32)))
          (import "wasgo" "out_int" (func $out_int (param i64) (result i32)))
          (import "wasgo" "send" (func $send (param i32 i32 i32 i32) (result i32)))
          (import "wasgo" "arg_read" (func $arg_read (param i32 i32 i32) (result i32)))
          (memory (export "memory") 2)
          (data (i32.const 0) "big")
          (data (i32.const 16) "ping")
          (data (i32.const 32) "c")
          (func (export "_process") (param f64) (loop $forever (br $forever)))
          (func (export "spin") (loop $forever (br $forever)))
          (func $recurse (export "recurse") (param $n i64) (result i64) (i64.add (call $recurse (i64.add (local.get $n) (i64.const 1))) (i64.const 1)))
          (func (export "grow") (result i64)
            (block $full (loop $more
              (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
              (br $more)))
            (i64.extend_i32_u (memory.size)))
          (func (export "write_big") (result i64) ;; a 70,000-byte string is over the value limit
            (i64.extend_i32_s (call $set_string (i32.const 0) (i32.const 3) (i32.const 100) (i32.const 70000))))
          (func (export "many_columns") (result i64) ;; one more column than a row may have
            (local $i i32) (local $status i32)
            (block $done (loop $next
              (br_if $done (i32.gt_u (local.get $i) (i32.const 256)))
              (i32.store8 (i32.const 32) (i32.add (i32.const 65) (i32.rem_u (local.get $i) (i32.const 26))))
              (i32.store8 offset=1 (i32.const 32) (i32.add (i32.const 65) (i32.div_u (local.get $i) (i32.const 26))))
              (local.set $status (call $set_int (i32.const 32) (i32.const 2) (i64.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
            (i64.extend_i32_s (local.get $status)))
          (func (export "ping") ;; ping(peer): ping the peer back, forever
            (local $length i32)
            (local.set $length (call $arg_read (i32.const 0) (i32.const 200) (i32.const 100)))
            (drop (call $out_int (i64.const 0)))
            (drop (call $send (i32.const 200) (local.get $length) (i32.const 16) (i32.const 4)))))
        """;

    [Fact]
    public async Task AnInfiniteLoop_Should_RunOutOfFuel()
    {
        Options.FuelPerCall = 100_000;
        await DeployAsync("hostile", "1", Hostile);
        IActorRef hostile = Region("hostile");

        CallResult result = await CallAsync(hostile, "h", "spin");

        result.Error!.Code.Should().Be(ScriptErrorCode.OutOfFuel);
        result.Error.Message.Should().Contain("used up its fuel (100000 per call)");
    }

    [Fact]
    public async Task AnInfiniteLoop_Should_BeStoppedAtTheTimeLimit_WhenItsFuelWouldLastLonger()
    {
        Options.FuelPerCall = long.MaxValue / 4;
        Options.CallTimeLimit = TimeSpan.FromMilliseconds(50);
        await DeployAsync("hostile", "1", Hostile);
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef hostile = Region("hostile");
        IActorRef counter = Region("counter");

        Task<CallResult> spinning = CallAsync(hostile, "h", "spin");
        (await CallAsync(counter, "c", "increment", 1L)).IsSuccess.Should().BeTrue("other entities keep serving meanwhile");

        CallResult result = await spinning;
        result.Error!.Code.Should().Be(ScriptErrorCode.TimedOut);
        result.Error.Message.Should().Contain("ran longer than its limit of 50 ms");
        (await CallAsync(hostile, "h", "write_big")).Value.AsInteger().Should().Be(-2, "the entity itself keeps serving after giving up");
    }

    [Fact]
    public async Task UnboundedRecursion_Should_Trap_NotOverflowTheHostStack()
    {
        await DeployAsync("hostile", "1", Hostile);
        IActorRef region = Region("hostile");

        CallResult result = await CallAsync(region, "h", "recurse", 0L);

        result.Error!.Code.Should().Be(ScriptErrorCode.Trapped);
        result.Error.Message.Should().Contain("call stack");
    }

    [Fact]
    public async Task MemoryGrowth_Should_StopAtTheLimit()
    {
        using var limited = new ScriptRuntime(new ScriptRuntimeOptions { MaxMemoryPages = 16 });
        await DeployAsync("hostile", "1", Hostile);
        IActorRef region = Sys.ActorOf(Props.Create(() => new EntityRegion(id => EntityActor.Props(id, "hostile", limited, Store, Options))));

        CallResult result = await CallAsync(region, "h", "grow");

        result.Value.AsInteger().Should().Be(16, "memory.grow fails at the limit and the script sees -1");
    }

    [Fact]
    public async Task OversizedStateWrites_Should_BeRefusedByTheImport_LeavingTheRowWithinItsLimits()
    {
        await DeployAsync("hostile", "1", Hostile);
        IActorRef region = Region("hostile");

        (await CallAsync(region, "h", "write_big")).Value.AsInteger().Should().Be(-2);
        (await CallAsync(region, "h", "many_columns")).Value.AsInteger().Should().Be(-2);

        EntityState state = await StateAsync(region, "h");
        state.Columns.Should().NotContainKey("big");
        state.Columns.Count.Should().BeLessThanOrEqualTo(AbiLimits.MaxColumns);
    }

    [Fact]
    public async Task ACallStormBetweenTwoEntities_Should_NotStopOtherEntities()
    {
        await DeployAsync("hostile", "1", Hostile);
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef storm = Region("hostile");
        IActorRef counter = Region("counter");

        await CallAsync(storm, "a", "ping", "b"); // a → b → a → … for ever

        var latency = Stopwatch.StartNew();
        for (int i = 1; i <= 20; i++)
        {
            (await CallAsync(counter, "c", "increment", 1L)).Value.AsInteger().Should().Be(i);
        }

        latency.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AWorld_Should_KeepTicking_AndStayDeterministic_WithALoopingEntityAndACallStorm()
    {
        using var runtime = new ScriptRuntime();
        byte[] hostile = Module.ConvertText(Hostile);
        byte[] counter = Module.ConvertText(Scripts.Counter());
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
            for (int tick = 0; tick < 3; tick++)
            {
                TickResult result = world.Step([]);
                result.GivenUp.Should().Contain(g => g.EntityId == "looper" && g.Reason.Contains("used up its fuel", StringComparison.Ordinal));
                digests.Add(result.DigestHex);
            }

            world.StateOf("counter")!["count"].AsInteger().Should().Be(4, "the counter's _process ran on every tick");
            return [.. digests];
        }

        Run().Should().Equal(Run(), "fuel stops the looper at the same instruction every time, so the world stays deterministic");
    }
}
