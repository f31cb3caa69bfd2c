using System;
using FluentAssertions;
using WasGo.Wasm.Wasi;

namespace WasGo.Wasm.Tests.Wasi;

/// <summary>proc_exit ends the guest call from any depth with a code the host reads.</summary>
public sealed class WasiExitTests
{
    private const string Text = """
        (module
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (import "env" "reenter" (func $reenter (param i32)))
          (type $exit_type (func (param i32)))
          (table 1 funcref)
          (elem (i32.const 0) $proc_exit)
          (global $after (export "after") (mut i32) (i32.const 0))
          (memory (export "memory") 1)
          (func $deep (param i32)
            (if (i32.eqz (local.get 0))
              (then (call_indirect (type $exit_type) (i32.const 3) (i32.const 0)))
              (else (call $deep (i32.sub (local.get 0) (i32.const 1)))))
            (global.set $after (i32.const 1)))
          (func (export "_start") (call $deep (i32.const 50)) (global.set $after (i32.const 2)))
          (func (export "exit_with") (param i32) (call $proc_exit (local.get 0)) (global.set $after (i32.const 3)))
          (func (export "through_host") (call $reenter (i32.const 5)) (global.set $after (i32.const 4)))
          (func (export "answer") (result i32) (i32.const 42))
          (func (export "returns")))
        """;

    [Fact]
    public void ProcExit_Should_UnwindNestedAndIndirectCalls_WithItsCode()
    {
        var (instance, _) = Instantiate();

        instance.RunCommand().Should().Be(3);

        instance.GetGlobal("after")!.GetValue().ToInt32().Should().Be(0, "nothing after proc_exit ran");
        instance.GetFunction<int>("answer")!().Should().Be(42, "the instance stays usable");
        for (var i = 0; i < 300; i++)
        {
            instance.RunCommand().Should().Be(3, "and can exit again: 300 exits from 51 frames deep would pass the 10,000 call depth limit if unwinding leaked depth");
        }
    }

    [Fact]
    public void ProcExit_Should_ThrowWasiExitException_CarryingTheCode()
    {
        var (instance, _) = Instantiate();

        var exit = () => instance.GetAction<int>("exit_with")!(-2);

        exit.Should().Throw<WasiExitException>().Which.ExitCode.Should().Be(-2, "the u32 0xFFFFFFFE seen as int");
        exit.Should().Throw<WasmException>("it derives from the engine's base exception");
    }

    [Fact]
    public void ProcExit_Should_PassThroughHostFunctionsThatReenterTheGuest()
    {
        var (instance, reentered) = Instantiate();

        var run = () => instance.GetAction("through_host")!();

        run.Should().Throw<WasiExitException>().Which.ExitCode.Should().Be(5);
        reentered().Should().Be(1);
        instance.GetGlobal("after")!.GetValue().ToInt32().Should().Be(0);
    }

    [Fact]
    public void RunCommand_Should_ReturnZero_WhenStartReturns()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineWasi();
        var instance = linker.Instantiate(store, Module.FromBytes(engine, "ok", WasGo.Wasm.Text.Wat.Parse("(module (func (export \"_start\")))")));

        instance.RunCommand().Should().Be(0);
    }

    [Fact]
    public void RunCommand_Should_RejectAModuleWithoutStart()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineWasi();
        var reactor = linker.Instantiate(store, Module.FromBytes(engine, "reactor", WasGo.Wasm.Text.Wat.Parse("(module (func (export \"_initialize\")))")));

        var run = () => reactor.RunCommand();

        run.Should().Throw<ArgumentException>();
    }

    private static (Instance Instance, Func<int> Reentered) Instantiate()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineWasi();
        Instance? self = null;
        var reentered = 0;
        linker.DefineFunction("env", "reenter", (int code) =>
        {
            reentered++;
            self!.GetAction<int>("exit_with")!(code);
        });
        self = linker.Instantiate(store, Module.FromBytes(engine, "exits", WasGo.Wasm.Text.Wat.Parse(Text)));
        return (self, () => reentered);
    }
}
