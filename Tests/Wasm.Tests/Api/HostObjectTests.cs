using System;
using FluentAssertions;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Api;

/// <summary>Memories, tables and globals created by the host and shared with guests.</summary>
public sealed class HostObjectTests
{
    [Fact]
    public void HostMemory_Should_GrowFromTheHost_AndTheGuestShouldSeeTheNewSize()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var memory = new Memory(store, 1, 4);
        var linker = new Linker(engine);
        linker.Define("env", "memory", memory);
        var instance = linker.Instantiate(store, Wat.Compile(engine, """
            (module (import "env" "memory" (memory 1 4))
              (func (export "size") (result i32) (memory.size))
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
            """));

        memory.Grow(2).Should().Be(1);
        memory.WriteInt32(3 * 65536 - 4, 77);

        instance.GetFunction<int>("size")!().Should().Be(3);
        instance.GetFunction<int, int>("load")!(3 * 65536 - 4).Should().Be(77);
        memory.Grow(2).Should().Be(-1);
    }

    [Fact]
    public void HostTable_Should_HoldFunctionsTheGuestCallsIndirectly()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        var table = new Table(store, ValueKind.FuncRef, 1);
        linker.Define("env", "table", table);
        var provider = linker.Instantiate(store, Wat.Compile(engine, """(module (func (export "seven") (result i32) (i32.const 7)))"""));
        var caller = linker.Instantiate(store, Wat.Compile(engine, """
            (module (import "env" "table" (table 1 funcref)) (type $t (func (result i32)))
              (func (export "call") (param i32) (result i32) (call_indirect (type $t) (local.get 0))))
            """));
        var call = caller.GetFunction<int, int>("call")!;

        ((Action)(() => call(0))).Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.UninitializedElement);
        table.SetElement(0, provider.GetFunction("seven"));
        call(0).Should().Be(7);
        table.Grow(1, provider.GetFunction("seven")).Should().Be(1);
        call(1).Should().Be(7);
        var wrongElement = () => table.SetElement(0, "not a function");
        wrongElement.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void HostGlobal_Should_BeReadAndWrittenByTheGuest_IncludingExternRefs()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        var counter = new Global(store, 41, mutable: true);
        var handle = new object();
        var reference = new Global(store, ValueBox.FromExternRef(handle), mutable: false);
        linker.Define("env", "counter", counter);
        linker.Define("env", "handle", reference);
        var instance = linker.Instantiate(store, Wat.Compile(engine, """
            (module
              (import "env" "counter" (global $c (mut i32)))
              (import "env" "handle" (global $h externref))
              (func (export "bump") (global.set $c (i32.add (global.get $c) (i32.const 1))))
              (func (export "handle") (result externref) (global.get $h)))
            """));

        instance.GetAction("bump")!();

        counter.GetValue().ToInt32().Should().Be(42);
        instance.GetFunction<object>("handle")!().Should().BeSameAs(handle);
    }

    [Fact]
    public void Linker_Should_RejectAGlobalOfTheWrongMutability()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.Define("env", "g", new Global(store, 1, mutable: false));
        var module = Wat.Compile(engine, """(module (import "env" "g" (global (mut i32))))""");

        var instantiate = () => linker.Instantiate(store, module);

        instantiate.Should().Throw<LinkException>();
    }

    [Fact]
    public void Calls_Should_FailCleanly_AfterTheStoreIsDisposed()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Wat.Compile(engine, """
            (module (memory 1) (func (export "load") (result i32) (i32.load (i32.const 0))))
            """));
        var load = instance.GetFunction<int>("load")!;
        var untyped = instance.GetFunction("load")!;

        store.Dispose();

        ((Action)(() => load())).Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.MemoryOutOfBounds);
        ((Action)(() => untyped.Invoke())).Should().Throw<ObjectDisposedException>();
    }
}
