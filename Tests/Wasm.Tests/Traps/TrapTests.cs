using System;
using System.Threading;
using FluentAssertions;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Traps;

public sealed class TrapTests
{
    private const string Module = """
        (module
          (type $unary (func (param i32) (result i32)))
          (type $nullary (func))
          (memory 1)
          (table 3 funcref)
          (elem (i32.const 0) $id $nop)
          (func $id (param i32) (result i32) (local.get 0))
          (func $nop)
          (func (export "unreachable") unreachable)
          (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
          (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
          (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
          (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 0) (local.get 1)))
          (func (export "table_get") (param i32) (result funcref) (table.get 0 (local.get 0)))
          (func (export "call") (param i32) (result i32) (call_indirect (type $unary) (i32.const 5) (local.get 0)))
          (func $recurse (export "recurse") (param i32) (result i32) (call $recurse (i32.add (local.get 0) (i32.const 1))))
          (func $mutual (export "mutual") (param i64) (result i64) (call $other (local.get 0)))
          (func $other (param i64) (result i64) (i64.add (call $mutual (i64.add (local.get 0) (i64.const 1))) (i64.const 1))))
        """;

    private static Instance Create() => Wat.Instantiate(Module);

    private static TrapCode TrapOf(Action action) => action.Should().Throw<TrapException>().Which.Code;

    [Fact]
    public void Unreachable_Should_TrapWithUnreachable() =>
        TrapOf(() => Create().GetAction("unreachable")!()).Should().Be(TrapCode.Unreachable);

    [Fact]
    public void Division_Should_TrapOnZeroDivisorAndOverflow()
    {
        var instance = Create();
        var div = instance.GetFunction<int, int, int>("div_s")!;
        var rem = instance.GetFunction<long, long, long>("rem_u")!;

        TrapOf(() => div(1, 0)).Should().Be(TrapCode.IntegerDivisionByZero);
        TrapOf(() => div(int.MinValue, -1)).Should().Be(TrapCode.IntegerOverflow);
        TrapOf(() => rem(1, 0)).Should().Be(TrapCode.IntegerDivisionByZero);
        div(-7, 2).Should().Be(-3);
    }

    [Fact]
    public void Truncation_Should_TrapOnNaNAndOutOfRange()
    {
        var trunc = Create().GetFunction<double, int>("trunc")!;

        TrapOf(() => trunc(double.NaN)).Should().Be(TrapCode.BadConversionToInteger);
        TrapOf(() => trunc(3e9)).Should().Be(TrapCode.IntegerOverflow);
        trunc(-2.9).Should().Be(-2);
    }

    [Fact]
    public void MemoryAccess_Should_TrapOutOfBounds_IncludingTheOffset()
    {
        var instance = Create();
        var load = instance.GetFunction<int, int>("load")!;

        load(65528).Should().Be(0);
        TrapOf(() => load(65529)).Should().Be(TrapCode.MemoryOutOfBounds);
        TrapOf(() => load(-1)).Should().Be(TrapCode.MemoryOutOfBounds);
        TrapOf(() => instance.GetAction<int, int>("fill")!(65000, 1000)).Should().Be(TrapCode.MemoryOutOfBounds);
    }

    [Fact]
    public void TableAccess_Should_TrapOutOfBounds() =>
        TrapOf(() => Create().GetFunction<int, object>("table_get")!(3)).Should().Be(TrapCode.TableOutOfBounds);

    [Fact]
    public void CallIndirect_Should_TrapByKind()
    {
        var call = Create().GetFunction<int, int>("call")!;

        call(0).Should().Be(5);
        TrapOf(() => call(1)).Should().Be(TrapCode.IndirectCallTypeMismatch);
        TrapOf(() => call(2)).Should().Be(TrapCode.UninitializedElement);
        TrapOf(() => call(3)).Should().Be(TrapCode.UndefinedElement);
    }

    [Fact]
    public void Call_Should_TrapWithCallStackExhausted_OnUnboundedRecursion()
    {
        var instance = Create();

        TrapOf(() => instance.GetFunction<int, int>("recurse")!(0)).Should().Be(TrapCode.CallStackExhausted);
        TrapOf(() => instance.GetFunction<long, long>("mutual")!(0)).Should().Be(TrapCode.CallStackExhausted);
        instance.GetFunction<int, int, int>("div_s")!(6, 3).Should().Be(2, "the instance stays usable after the trap");
    }

    [Fact]
    public void Call_Should_TrapWithCallStackExhausted_OnASmallThreadStack_WithLargeFrames()
    {
        // Many live locals make every frame large; a 256 KiB thread stack runs out long before the
        // depth limit, so the native stack guard must stop the recursion.
        const string text = """
            (module
              (func $deep (export "deep") (param i64) (result i64)
                (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
                (local.set 1 (local.get 0)) (local.set 2 (local.get 1)) (local.set 3 (local.get 2))
                (local.set 4 (local.get 3)) (local.set 5 (local.get 4)) (local.set 6 (local.get 5))
                (i64.add (call $deep (i64.add (local.get 6) (i64.const 1)))
                  (i64.add (local.get 1) (i64.add (local.get 2) (i64.add (local.get 3) (local.get 4)))))))
            """;
        var deep = Wat.Instantiate(text).GetFunction<long, long>("deep")!;
        TrapCode? code = null;
        var thread = new Thread(() =>
        {
            try
            {
                deep(0);
            }
            catch (TrapException e)
            {
                code = e.Code;
            }
        }, 256 * 1024);

        thread.Start();
        thread.Join();

        code.Should().Be(TrapCode.CallStackExhausted);
    }

    [Fact]
    public void Call_Should_TrapWithCallStackExhausted_OnRecursionThroughAHostFunction()
    {
        Func<int, int>? reenter = null;
        var instance = Wat.Instantiate("""
            (module
              (import "env" "reenter" (func $reenter (param i32) (result i32)))
              (func (export "down") (param i32) (result i32) (call $reenter (i32.add (local.get 0) (i32.const 1)))))
            """, (linker, _) => linker.DefineFunction("env", "reenter", (int n) => reenter!(n)));
        reenter = instance.GetFunction<int, int>("down");

        TrapOf(() => reenter!(0)).Should().Be(TrapCode.CallStackExhausted);
        TrapCode? onSmallStack = null;
        var thread = new Thread(() =>
        {
            try
            {
                reenter!(0);
            }
            catch (TrapException e)
            {
                onSmallStack = e.Code;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        onSmallStack.Should().Be(TrapCode.CallStackExhausted);
    }

    [Fact]
    public void Trap_Should_ListTheWasmFrames_WithNamesFromTheNameSection()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var bytes = Wat.ToWasm("""
            (module
              (func $crash (param i32) (result i32) (if (local.get 0) (then unreachable)) (i32.const 1))
              (func $outer (export "outer") (result i32) (i32.add (call $crash (i32.const 1)) (i32.const 1))))
            """, "--debug-names");
        var outer = new Linker(engine).Instantiate(store, WasGo.Wasm.Module.FromBytes(engine, "named", bytes)).GetFunction<int>("outer")!;

        var trap = ((Action)(() => outer())).Should().Throw<TrapException>().Which;

        trap.Frames.Should().NotBeEmpty();
        trap.Frames[^1].Should().Be(new TrapFrame("named", 1, "outer"));
        trap.Frames[0].FunctionName.Should().BeOneOf("crash", "outer", "the JIT may inline $crash into $outer");
    }

    [Fact]
    public void CallDepth_Should_FollowTheConfiguredLimit()
    {
        using var engine = new Engine(new Config().WithMaxCallDepth(50));
        using var store = new Store(engine);
        var module = Wat.Compile(engine, """
            (module (func $down (export "down") (param i32) (result i32)
              (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                (else (call $down (i32.sub (local.get 0) (i32.const 1)))))))
            """);
        var down = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("down")!;

        down(40).Should().Be(0);
        TrapOf(() => down(60)).Should().Be(TrapCode.CallStackExhausted);
    }
}
