using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.TestKit.Tests.Scripting;

public sealed class ScriptHarnessTests
{
    private const string Lamp = """
        (module
          (import "wasgo" "state_int" (func $get (param i32 i32) (result i64)))
          (import "wasgo" "state_set_int" (func $set (param i32 i32 i64) (result i32)))
          (import "wasgo" "out_int" (func $out_int (param i64) (result i32)))
          (import "wasgo" "send" (func $send (param i32 i32 i32 i32) (result i32)))
          (import "wasgo" "emit" (func $emit (param i32 i32) (result i32)))
          (import "wasgo" "timer_start" (func $timer_start (param i64 i64 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "on")
          (data (i32.const 8) "lit")
          (data (i32.const 16) "meter")
          (data (i32.const 32) "record")
          (data (i32.const 48) "ticks")
          (func (export "switch_on") (param $seconds i64)
            (drop (call $set (i32.const 0) (i32.const 2) (i64.const 1)))
            (drop (call $timer_start (i64.const 1) (i64.mul (local.get $seconds) (i64.const 1000)) (i32.const 0)))
            (drop (call $emit (i32.const 8) (i32.const 3)))
            (drop (call $out_int (i64.const 60)))
            (drop (call $send (i32.const 16) (i32.const 5) (i32.const 32) (i32.const 6))))
          (func (export "_timer") (param i64) (drop (call $set (i32.const 0) (i32.const 2) (i64.const 0))))
          (func (export "_process") (param f64)
            (drop (call $set (i32.const 48) (i32.const 5) (i64.add (call $get (i32.const 48) (i32.const 5)) (i64.const 1)))))
          (func (export "crash") (unreachable)))
        """;

    [Fact]
    public void Harness_Should_DriveAScript_ThroughCallsTicksAndTimers()
    {
        using var harness = new ScriptHarness(tickRate: 10);
        harness.Spawn(Module.ConvertText(Lamp)).IsSuccess.Should().BeTrue();

        harness.Call("switch_on", 2L).IsSuccess.Should().BeTrue();

        harness.State()["on"].AsInteger().Should().Be(1);
        harness.Signals.Should().ContainSingle().Which.Signal.Should().Be("lit");
        harness.Sent.Should().ContainSingle().Which.Should().BeEquivalentTo(new OutgoingMessage("entity", "meter", "record", [ScriptValue.FromInteger(60)]));
        harness.Tick.Should().Be(0, "a call does not move time");

        harness.Advance(TimeSpan.FromSeconds(1.9));
        harness.State()["on"].AsInteger().Should().Be(1);
        harness.RunTicks(1);
        harness.State()["on"].AsInteger().Should().Be(0, "the 2 s timer fired at tick 20");
        harness.State()["ticks"].AsInteger().Should().Be(20);
        harness.Time.Should().Be(2.0);
    }

    [Fact]
    public void TwoHarnesses_Should_AgreeOnTheDigest_UntilTheirInputsDiffer()
    {
        using var first = new ScriptHarness(tickRate: 10);
        using var second = new ScriptHarness(tickRate: 10);
        foreach (ScriptHarness harness in new[] { first, second })
        {
            harness.Spawn(Module.ConvertText(Lamp), "a");
            harness.Spawn(Module.ConvertText(Lamp), "b");
            harness.CallOn("a", "switch_on", 1L);
            harness.RunTicks(15);
        }

        second.Digest.Should().Be(first.Digest).And.MatchRegex("^[0-9a-f]{64}$");
        second.CallOn("b", "switch_on", 1L);
        second.Digest.Should().NotBe(first.Digest, "b's state changed in one of them");
    }

    [Fact]
    public void Harness_Should_ReportAScriptThatTrapsEveryTime()
    {
        using var harness = new ScriptHarness();
        harness.Spawn(Module.ConvertText(Lamp));

        CallResult result = harness.Call("crash");

        result.Error!.Code.Should().Be(ScriptErrorCode.Trapped);
        harness.GivenUp.Should().ContainSingle().Which.EntityId.Should().Be("entity");
        harness.Call("switch_on", 1L).IsSuccess.Should().BeTrue("the entity keeps serving");
    }

    [Fact]
    public void Harness_Should_RefuseAModuleThatIsNotWasm_WithTheEnginesError()
    {
        using var harness = new ScriptHarness();
        FluentActions.Invoking(() => harness.Spawn([1, 2, 3])).Should().Throw<ModuleCompileException>();
        FluentActions.Invoking(() => harness.State("nobody")).Should().Throw<KeyNotFoundException>();
    }
}
