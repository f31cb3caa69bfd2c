using FluentAssertions;

namespace WasGo.Wasm.Tests.Limits;

public sealed class FuelTests
{
    private const string Source = """
        (module
          (func (export "spin") (loop $forever (br $forever)))
          (func (export "sum") (param $n i32) (result i32)
            (local $total i32)
            (block $done (loop $next
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $total (i32.add (local.get $total) (local.get $n)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $next)))
            (local.get $total))
          (func $fib (export "fib") (param $n i32) (result i32)
            (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
              (then (local.get $n))
              (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1))) (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
        """;

    private readonly Engine _engine = new(new Config().WithFuelConsumption(true));

    [Fact]
    public void AnInfiniteLoop_Should_TrapOutOfFuel_WhenTheFuelRunsOut()
    {
        (Store store, Instance instance) = Instantiate();
        store.SetFuel(10_000);

        FluentActions.Invoking(() => instance.GetAction("spin")!()).Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.OutOfFuel);
        store.GetFuel().Should().BeNegative();
    }

    [Fact]
    public void Fuel_Should_BeConsumedDeterministically_InProportionToTheWorkDone()
    {
        long UsedBy(int n)
        {
            (Store store, Instance instance) = Instantiate();
            store.SetFuel(1_000_000);
            instance.GetFunction<int, int>("sum")!(n).Should().Be(n * (n + 1) / 2);
            return 1_000_000 - store.GetFuel();
        }

        long hundred = UsedBy(100);
        UsedBy(100).Should().Be(hundred, "the same call consumes the same fuel");
        long twoHundred = UsedBy(200);
        (twoHundred - hundred).Should().Be(UsedBy(300) - twoHundred, "each iteration of the loop costs the same");
        hundred.Should().BePositive();
    }

    [Fact]
    public void Recursion_Should_RunOutOfFuelAtAFunctionEntry()
    {
        (Store store, Instance instance) = Instantiate();
        store.SetFuel(1_000);

        FluentActions.Invoking(() => instance.GetFunction<int, int>("fib")!(30)).Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.OutOfFuel);

        store.AddFuel(long.MaxValue / 4);
        instance.GetFunction<int, int>("fib")!(20).Should().Be(6765, "with fuel added, the instance runs again");
    }

    [Fact]
    public void FuelCalls_Should_BeRefused_WhenTheEngineDoesNotConsumeFuel()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        FluentActions.Invoking(() => store.SetFuel(1)).Should().Throw<InvalidOperationException>().WithMessage("*WithFuelConsumption*");
        FluentActions.Invoking(() => store.GetFuel()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void NegativeFuel_Should_BeRefused()
    {
        (Store store, _) = Instantiate();
        FluentActions.Invoking(() => store.SetFuel(-1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => store.AddFuel(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private (Store Store, Instance Instance) Instantiate()
    {
        var store = new Store(_engine);
        Instance instance = new Linker(_engine).Instantiate(store, Module.FromBytes(_engine, "fuel", WasGo.Wasm.Text.Wat.Parse(Source)));
        return (store, instance);
    }
}
