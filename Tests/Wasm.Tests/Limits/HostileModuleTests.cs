using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using FluentAssertions;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Limits;

/// <summary>Modules written to exhaust the engine: each must end quickly with the right error.</summary>
public sealed class HostileModuleTests
{
    [Fact]
    public void FromBytes_Should_RejectAMillionLocals_AsMalformed()
    {
        using var engine = new Engine();
        var locals = new List<byte> { 1 };
        locals.AddRange(BinaryModule.Leb(1_000_000));
        locals.Add(0x7F);

        var load = () => Module.FromBytes(engine, "locals", BinaryModule.SingleFunction(locals, [0x0B]));

        load.Should().Throw<MalformedModuleException>().WithMessage("*too many locals*");
    }

    [Fact]
    public void FromBytes_Should_ThrowWasmException_OnAnOperandStackBeyondTheImplementationLimit()
    {
        using var engine = new Engine();
        var code = new List<byte>();
        for (var i = 0; i < 60_000; i++)
        {
            code.AddRange([0x41, 0x00]);
        }

        for (var i = 0; i < 60_000; i++)
        {
            code.Add(0x1A);
        }

        code.Add(0x0B);

        var load = () => Module.FromBytes(engine, "stack", BinaryModule.SingleFunction([0], code));

        load.Should().Throw<WasmException>().WithMessage("*implementation limit*");
    }

    [Fact]
    public void FromBytes_Should_ValidateAHugeBrTable_InBoundedTime()
    {
        using var engine = new Engine();
        var code = new List<byte> { 0x02, 0x40, 0x41, 0x00, 0x0E };
        code.AddRange(BinaryModule.Leb(200_000));
        for (var i = 0; i <= 200_000; i++)
        {
            code.Add(0x00);
        }

        code.AddRange([0x0B, 0x0B]);
        var watch = Stopwatch.StartNew();

        Module.FromBytes(engine, "br_table", BinaryModule.SingleFunction([0], code));

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void FromBytes_Should_RejectACountLargerThanTheModule_BeforeAllocating()
    {
        using var engine = new Engine();
        var bytes = new List<byte> { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 5 };
        bytes.AddRange(BinaryModule.Leb(uint.MaxValue));

        var load = () => Module.FromBytes(engine, "count", bytes.ToArray());

        load.Should().Throw<MalformedModuleException>();
    }

    [Fact]
    public void Call_Should_TrapInterrupted_OnAnInfiniteLoop_WhenTheStoreIsInterrupted()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var module = Wat.Compile(engine, "(module (func (export \"spin\") (loop (br 0))))");
        var spin = new Linker(engine).Instantiate(store, module).GetAction("spin")!;
        using var watchdog = new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite);

        var run = () => spin();

        run.Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.Interrupted);
    }

    [Fact]
    public void MemoryGrow_Should_ReturnMinusOne_BeyondTheConfiguredLimit()
    {
        using var engine = new Engine(new Config().WithMaxMemoryPages(16));
        using var store = new Store(engine);
        var module = Wat.Compile(engine, "(module (memory 1) (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0))))");
        var grow = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("grow")!;

        grow(15).Should().Be(1);
        grow(1).Should().Be(-1);
        grow(-1).Should().Be(-1);
    }

    [Fact]
    public void TableGrow_Should_ReturnMinusOne_BeyondTheConfiguredLimit()
    {
        using var engine = new Engine(new Config().WithMaxTableElements(1000));
        using var store = new Store(engine);
        var module = Wat.Compile(engine, "(module (table 0 externref) (func (export \"grow\") (param i32) (result i32) (table.grow 0 (ref.null extern) (local.get 0))))");
        var grow = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("grow")!;

        grow(1000).Should().Be(0);
        grow(1).Should().Be(-1);
        grow(int.MaxValue).Should().Be(-1);
    }

    [Fact]
    public void Call_Should_TrapWithCallStackExhausted_OnMutualRecursionThroughCallIndirect()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var module = Wat.Compile(engine, """
            (module
              (type $t (func (param i32) (result i32)))
              (table funcref (elem $ping $pong))
              (func $ping (type $t) (call_indirect (type $t) (i32.add (local.get 0) (i32.const 1)) (i32.const 1)))
              (func $pong (type $t) (call_indirect (type $t) (i32.add (local.get 0) (i32.const 1)) (i32.const 0)))
              (export "ping" (func $ping)))
            """);
        var ping = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("ping")!;

        var run = () => ping(0);

        run.Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.CallStackExhausted);
    }

    [Fact]
    public void FromBytes_Should_HandleDeeplyNestedBlocks_WithoutExhaustingTheStack()
    {
        using var engine = new Engine();
        const int Depth = 100_000;
        var code = new List<byte>();
        for (var i = 0; i < Depth; i++)
        {
            code.AddRange([0x02, 0x40]);
        }

        for (var i = 0; i <= Depth; i++)
        {
            code.Add(0x0B);
        }

        var load = () => Module.FromBytes(engine, "nested", BinaryModule.SingleFunction([0], code));

        // Either answer is fine (compiled, or refused as over an implementation limit); a stack overflow would kill the test host.
        try
        {
            load();
        }
        catch (WasmException e)
        {
            e.Message.Should().Contain("limit");
        }
    }

    [Fact]
    public void FromBytes_Should_DecodeAHugeTypeSection_InBoundedTime()
    {
        using var engine = new Engine();
        const int Types = 1_000_000;
        var section = new List<byte>();
        section.AddRange(BinaryModule.Leb(Types));
        for (var i = 0; i < Types; i++)
        {
            section.AddRange([0x60, 0, 0]);
        }

        var bytes = new List<byte> { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1 };
        bytes.AddRange(BinaryModule.Leb(section.Count));
        bytes.AddRange(section);
        var watch = Stopwatch.StartNew();

        var module = Module.FromBytes(engine, "types", bytes.ToArray());

        module.Exports.Should().BeEmpty();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Instantiate_Should_TrapOutOfBounds_OnAHugeElementSegment_WithoutGrowingTheTable()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var functions = string.Join(' ', Enumerable.Repeat("$f", 200_000));
        var module = Wat.Compile(engine, $"(module (table 10 funcref) (func $f) (elem (i32.const 0) func {functions}))");

        var instantiate = () => new Linker(engine).Instantiate(store, module);

        instantiate.Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.TableOutOfBounds);
    }

    [Fact]
    public void Instantiate_Should_TrapOutOfBounds_OnADataSegmentPastTheMemory()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var module = Wat.Compile(engine, $"(module (memory 1 1) (data (i32.const 65000) \"{new string('x', 1_000_000)}\"))");

        var instantiate = () => new Linker(engine).Instantiate(store, module);

        instantiate.Should().Throw<TrapException>().Which.Code.Should().Be(TrapCode.MemoryOutOfBounds);
    }

    [Fact]
    public void FromBytes_Should_RejectADataSegmentLongerThanTheModule_BeforeAllocating()
    {
        using var engine = new Engine();
        var section = new List<byte> { 1, 0, 0x41, 0, 0x0B };
        section.AddRange(BinaryModule.Leb(int.MaxValue));
        var bytes = new List<byte> { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 5, 3, 1, 0, 1, 11 };
        bytes.AddRange(BinaryModule.Leb(section.Count));
        bytes.AddRange(section);

        var load = () => Module.FromBytes(engine, "data", bytes.ToArray());

        load.Should().Throw<MalformedModuleException>();
    }
}
