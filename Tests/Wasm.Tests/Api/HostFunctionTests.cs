using System;
using System.Text;
using FluentAssertions;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Api;

public sealed class HostFunctionTests
{
    [Fact]
    public void HostFunction_Should_ReceiveArgumentsAndReturnResult()
    {
        var instance = Wat.Instantiate("""
            (module
              (import "env" "mul" (func $mul (param i32 i64) (result i64)))
              (func (export "run") (result i64) (call $mul (i32.const 6) (i64.const 7))))
            """, (linker, _) => linker.DefineFunction("env", "mul", (int a, long b) => a * b));

        instance.GetFunction<long>("run")!().Should().Be(42);
    }

    [Fact]
    public void HostFunction_Should_ReadTheCallersMemory_ThroughCaller()
    {
        string? logged = null;
        var instance = Wat.Instantiate("""
            (module
              (import "env" "log" (func $log (param i32 i32)))
              (memory (export "memory") 1)
              (data (i32.const 100) "hello, host")
              (func (export "run") (call $log (i32.const 100) (i32.const 11))))
            """, (linker, _) => linker.DefineFunction("env", "log", (Caller caller, int address, int length) =>
            {
                logged = Encoding.UTF8.GetString(caller.GetMemory("memory")!.GetSpan(address, length));
            }));

        instance.GetAction("run")!();

        logged.Should().Be("hello, host");
    }

    [Fact]
    public void HostFunction_Exception_Should_BecomeTheTrapsInnerException()
    {
        var failure = new InvalidOperationException("host says no");
        var instance = Wat.Instantiate("""
            (module
              (import "env" "fail" (func $fail))
              (func (export "run") (call $fail)))
            """, (linker, _) => linker.DefineFunction("env", "fail", () => throw failure));

        var run = () => instance.GetAction("run")!();

        var trap = run.Should().Throw<TrapException>().Which;
        trap.Code.Should().Be(TrapCode.HostError);
        trap.InnerException.Should().BeSameAs(failure);
    }

    [Fact]
    public void HostFunction_Should_BeCallableThroughTablesAndReenterTheGuest()
    {
        Instance? self = null;
        var instance = Wat.Instantiate("""
            (module
              (import "env" "twice" (func $twice (param i32) (result i32)))
              (type $t (func (param i32) (result i32)))
              (table 1 funcref)
              (elem (i32.const 0) $twice)
              (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func (export "run") (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 0))))
            """, (linker, _) => linker.DefineFunction("env", "twice", (int x) => self!.GetFunction<int, int>("inc")!(x) * 2));
        self = instance;

        instance.GetFunction<int, int>("run")!(20).Should().Be(42);
    }

    [Fact]
    public void HostFunction_Should_ReturnSeveralResults_AsAValueTuple()
    {
        var instance = Wat.Instantiate("""
            (module
              (import "env" "divmod" (func $divmod (param i32 i32) (result i32 i32)))
              (func (export "run") (result i32)
                (call $divmod (i32.const 47) (i32.const 10))
                (i32.mul (i32.const 100))
                (i32.add)))
            """, (linker, _) => linker.DefineFunction("env", "divmod", (int a, int b) => (a / b, a % b)));

        instance.GetFunction<int>("run")!().Should().Be(704);
    }

    [Fact]
    public void UntypedHostFunction_Should_ReceiveAndReturnValueBoxes()
    {
        var type = new FunctionType([ValueKind.Int64, ValueKind.Float64], [ValueKind.Float64, ValueKind.Int64]);
        var instance = Wat.Instantiate("""
            (module
              (import "env" "swap" (func $swap (param i64 f64) (result f64 i64)))
              (func (export "run") (result i64)
                (call $swap (i64.const 5) (f64.const 2.5))
                (drop)
                (i64.trunc_f64_s)))
            """, (linker, _) => linker.DefineFunction("env", "swap", type, (caller, arguments) =>
                [ValueBox.FromDouble(arguments[1].ToDouble() * 4), arguments[0]]));

        instance.GetFunction<long>("run")!().Should().Be(10);
    }

    [Fact]
    public void UntypedHostFunction_Should_Trap_WhenItReturnsTheWrongResults()
    {
        var type = new FunctionType([], [ValueKind.Int32]);
        var instance = Wat.Instantiate("""
            (module
              (import "env" "bad" (func $bad (result i32)))
              (func (export "run") (result i32) (call $bad)))
            """, (linker, _) => linker.DefineFunction("env", "bad", type, (caller, arguments) => [ValueBox.FromInt64(1)]));

        var run = () => instance.GetFunction<int>("run")!();

        run.Should().Throw<TrapException>().Which.InnerException.Should().BeOfType<ArgumentException>();
    }

    [Fact]
    public void HostFunction_Should_TakeFourParametersAndACaller()
    {
        var instance = Wat.Instantiate("""
            (module
              (import "env" "mix" (func $mix (param i32 i64 f32 f64) (result f64)))
              (func (export "run") (param i32 i64 f32 f64) (result f64)
                (call $mix (local.get 0) (local.get 1) (local.get 2) (local.get 3))))
            """, (linker, _) => linker.DefineFunction("env", "mix", (Caller caller, int a, long b, float c, double d) => a + b + c + d));

        instance.GetFunction<int, long, float, double, double>("run")!(1, 2, 3.5f, 4.25).Should().Be(10.75);
    }
}
