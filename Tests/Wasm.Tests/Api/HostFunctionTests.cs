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
}
