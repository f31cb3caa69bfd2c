using System;
using System.Runtime.CompilerServices;
using FluentAssertions;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Api;

public sealed class LifetimeTests
{
    [Fact]
    public void TypedDelegate_Should_KeepItsCompiledCodeAlive_AfterModuleAndInstanceAreCollected()
    {
        var (add, host) = CreateDelegates();

        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        add(40, 2).Should().Be(42);
        host(5).Should().Be(50);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Func<int, int, int> Add, Func<int, int> Host) CreateDelegates()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineFunction("env", "times10", (int x) => x * 10);
        var instance = linker.Instantiate(store, Wat.Compile(engine, """
            (module
              (import "env" "times10" (func $times10 (param i32) (result i32)))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "host") (param i32) (result i32) (call $times10 (local.get 0))))
            """));
        return (instance.GetFunction<int, int, int>("add")!, instance.GetFunction<int, int>("host")!);
    }
}
