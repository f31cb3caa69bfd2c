using System.Diagnostics;
using FluentAssertions;
using WasGo.Wasm.Text;

namespace WasGo.Wasm.Tests.Limits;

public sealed class DeadlineTests : IDisposable
{
    private const string Source = """
        (module
          (func (export "spin") (loop $forever (br $forever)))
          (func (export "answer") (result i32) (i32.const 42)))
        """;

    private readonly Engine _engine = new();
    private readonly Store _store;
    private readonly Instance _instance;

    public DeadlineTests()
    {
        _store = new Store(_engine);
        _instance = new Linker(_engine).Instantiate(_store, Module.FromBytes(_engine, "deadline", Wat.Parse(Source)));
    }

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void Deadline_Should_StopAnInfiniteLoop_WithAnInterruptedTrap()
    {
        _store.SetDeadline(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();

        Action spin = () => _instance.GetAction("spin")!();

        spin.Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.Interrupted);
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(90)).And.BeLessThan(TimeSpan.FromSeconds(10));
        _store.SetDeadline(null);
        _instance.GetFunction<int>("answer")!().Should().Be(42);
    }

    [Fact]
    public async Task ClearingADeadline_Should_WithdrawAnInterruptTheGuestNeverSaw()
    {
        _store.SetDeadline(TimeSpan.FromMilliseconds(1));
        await Task.Delay(100); // the watchdog fires while no guest code runs

        _store.SetDeadline(null);

        _instance.GetFunction<int>("answer")!().Should().Be(42, "a call after the deadline was cleared must not trap");
    }

    [Fact]
    public async Task ANewDeadline_Should_ReplaceOneThatPassedWhileNoCodeRan()
    {
        _store.SetDeadline(TimeSpan.FromMilliseconds(1));
        await Task.Delay(100); // the watchdog fires for the first deadline

        _store.SetDeadline(TimeSpan.FromSeconds(30));

        _instance.GetFunction<int>("answer")!().Should().Be(42, "the call runs under the deadline set for it, which is far away");
    }

    [Fact]
    public async Task ADeadline_Should_StopALoop_AfterTheStoreWentWithoutOneForLong()
    {
        _store.SetDeadline(TimeSpan.FromSeconds(1));
        _store.SetDeadline(null);
        await Task.Delay(1_500); // long enough for the watchdog to stop looking at this store

        _store.SetDeadline(TimeSpan.FromMilliseconds(50));
        Action spin = () => _instance.GetAction("spin")!();

        spin.Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.Interrupted);
    }

    [Fact]
    public void ACallThatFinishesInTime_Should_NotBeTouched()
    {
        _store.SetDeadline(TimeSpan.FromSeconds(5));
        _instance.GetFunction<int>("answer")!().Should().Be(42);
        _store.SetDeadline(null);
        _instance.GetFunction<int>("answer")!().Should().Be(42);
    }

    [Fact]
    public void ANegativeDeadline_Should_BeRefused()
    {
        FluentActions.Invoking(() => _store.SetDeadline(TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
