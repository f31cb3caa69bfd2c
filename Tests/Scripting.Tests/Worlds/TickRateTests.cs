using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Wasmtime;

namespace WasGo.Scripting.Tests.Worlds;

public sealed class TickRateTests : IDisposable
{
    // Records the delta of every _process and the world's time() at it.
    private const string Clock = """
        (module
          (import "wasgo" "state_set_float" (func $set (param i32 i32 f64) (result i32)))
          (import "wasgo" "time" (func $time (result f64)))
          (memory (export "memory") 1)
          (data (i32.const 0) "deltatime")
          (func (export "_process") (param $delta f64)
            (drop (call $set (i32.const 0) (i32.const 5) (local.get $delta)))
            (drop (call $set (i32.const 5) (i32.const 4) (call $time)))))
        """;

    private readonly ScriptRuntime _runtime = new();
    private readonly Module _module;

    public TickRateTests() => _module = _runtime.Compile("clock", Module.ConvertText(Clock));

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void SetTickRate_Should_ChangeTheDelta_FromTheNextTick_AndKeepTimeContinuous()
    {
        using World world = NewWorld();
        world.Step([new SpawnInput("c", "clock")]);
        for (int i = 0; i < 9; i++)
        {
            world.Step([]);
        }

        world.Time.Should().BeApproximately(0.5, 1e-9, "ten ticks at 20 a second");
        TickResult changed = world.Step([new SetTickRateInput(50)]);
        world.Step([]);

        changed.InputResults.Single().IsSuccess.Should().BeTrue();
        world.TickRate.Should().Be(50);
        world.StateOf("c")!["delta"].AsFloat().Should().BeApproximately(0.02, 1e-12);
        world.Time.Should().BeApproximately(0.5 + 0.02 + 0.02, 1e-9, "inputs apply at the start of a tick, so the tick that changed the rate and the next both ran at 50 a second");
    }

    [Fact]
    public void SetTickRate_Should_RefuseARateThatIsNotPositive()
    {
        using World world = NewWorld();

        TickResult result = world.Step([new SetTickRateInput(0)]);

        result.InputResults.Single().Error!.Code.Should().Be(ScriptErrorCode.BadArguments);
        world.TickRate.Should().Be(20);
    }

    [Fact]
    public void ARecordedRateChange_Should_ReplayToTheSameDigest()
    {
        var recording = new List<RecordedTick>();
        using (World live = NewWorld())
        {
            Record(live, recording, [new SpawnInput("c", "clock")]);
            Record(live, recording, []);
            Record(live, recording, [new SetTickRateInput(7.5)]);
            Record(live, recording, []);
        }

        using World replayed = NewWorld();
        TickResult last = null!;
        foreach (RecordedTick tick in recording)
        {
            last = replayed.Step(RecordedTick.Decode(tick.Encode()).Inputs);
        }

        using World again = NewWorld();
        TickResult expected = null!;
        foreach (RecordedTick tick in recording)
        {
            expected = again.Step(tick.Inputs);
        }

        replayed.TickRate.Should().Be(7.5);
        last.DigestHex.Should().Be(expected.DigestHex);
    }

    private World NewWorld() => new(new WorldOptions { WorldId = "clock", TickRate = 20 }, _runtime, _ => _module, NullLogger.Instance);

    private static void Record(World world, List<RecordedTick> recording, IReadOnlyList<WorldInput> inputs)
    {
        world.Step(inputs);
        recording.Add(new RecordedTick(world.Tick, inputs));
    }
}
