using FluentAssertions;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Compilation;

/// <summary>
/// Loads from one local plus constants share a bounds check (BoundsCheckPlan): results and traps must
/// be exactly those of one check per load.
/// </summary>
public sealed class GroupedLoadTests : IDisposable
{
    private const string Source = """
        (module
          (memory (export "memory") 1 1)
          (global $touched (export "touched") (mut i32) (i32.const 0))
          (func (export "sum4") (param $p i32) (result i32)
            (i32.add
              (i32.add (i32.load (local.get $p)) (i32.load (i32.add (local.get $p) (i32.const 4))))
              (i32.add (i32.load (i32.add (local.get $p) (i32.const 8))) (i32.load offset=12 (local.get $p)))))
          (func (export "wrapping") (param $p i32) (result i32)
            ;; clang's shape for a loop counting up from a negative index: the sums wrap into memory.
            (i32.xor
              (i32.load (i32.add (local.get $p) (i32.const 1049604)))
              (i32.load (i32.add (local.get $p) (i32.const 1049600)))))
          (func (export "near_and_far") (param $p i32) (result i32)
            (i32.add (i32.load (local.get $p)) (i32.load (i32.add (local.get $p) (i32.const 70000)))))
          (func (export "division_between") (param $p i32) (param $d i32) (result i32)
            (i32.add
              (i32.div_s (i32.load (local.get $p)) (local.get $d))
              (i32.load (i32.add (local.get $p) (i32.const 70000)))))
          (func (export "global_between") (param $p i32) (result i32)
            (i32.load (local.get $p))
            (global.set $touched (i32.const 1))
            (i32.add (i32.load (i32.add (local.get $p) (i32.const 70000)))))
          (data (i32.const 0) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00"))
        """;

    private readonly Engine _engine = new();
    private readonly Store _store;
    private readonly Instance _instance;

    public GroupedLoadTests()
    {
        _store = new Store(_engine);
        _instance = new Linker(_engine).Instantiate(_store, Wat.Compile(_engine, Source));
    }

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void GroupedLoads_Should_ReadEveryMember()
    {
        _instance.GetFunction<int, int>("sum4")!(0).Should().Be(10);
    }

    [Fact]
    public void GroupedLoads_Should_TrapAtTheEndOfMemory_ExactlyWhereSingleChecksWould()
    {
        var sum4 = _instance.GetFunction<int, int>("sum4")!;

        sum4(65536 - 16).Should().Be(0, "the last 16 bytes are in bounds");
        FluentActions.Invoking(() => sum4(65536 - 15)).Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.MemoryOutOfBounds);
        FluentActions.Invoking(() => sum4(-4)).Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.MemoryOutOfBounds);
    }

    [Fact]
    public void GroupedLoads_Should_FollowWrappingAddressArithmetic()
    {
        _instance.GetMemory("memory")!.WriteInt32(1000, 0x0F0F);
        _instance.GetMemory("memory")!.WriteInt32(1004, 0x00FF);

        _instance.GetFunction<int, int>("wrapping")!(1000 - 1049600).Should().Be(0x0FF0);
    }

    [Fact]
    public void AGroup_Should_TrapOutOfBounds_WhenOnlyItsLastMemberIsOutside()
    {
        FluentActions.Invoking(() => _instance.GetFunction<int, int>("near_and_far")!(0))
            .Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.MemoryOutOfBounds);
    }

    [Fact]
    public void ADivisionBetweenLoads_Should_TrapFirst_AsInTheOriginalOrder()
    {
        FluentActions.Invoking(() => _instance.GetFunction<int, int, int>("division_between")!(0, 0))
            .Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.IntegerDivisionByZero);
    }

    [Fact]
    public void AGlobalWriteBetweenLoads_Should_HappenBeforeTheLaterLoadTraps()
    {
        FluentActions.Invoking(() => _instance.GetFunction<int, int>("global_between")!(0))
            .Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.MemoryOutOfBounds);

        _instance.GetGlobal("touched")!.GetValue().ToInt32().Should().Be(1);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 0)]
    [InlineData(4, 0)]
    public void Plan_Should_GroupOnlyLoadsWithNothingObservableBetween(int function, int grouped)
    {
        var definition = WasGo.Wasm.Decoding.ModuleDecoder.Decode(Support.Wat.ToWasm(Source));

        var plan = WasGo.Wasm.Compilation.BoundsCheckPlan.Plan(definition.Bodies[function].Code);

        plan.Should().HaveCount(grouped);
        plan.Values.Count(g => g.Members is not null).Should().Be(grouped == 0 ? 0 : 1, "one load of a group checks for all");
    }
}
