using System;
using System.Collections.Generic;
using System.IO;
using FluentAssertions;
using WasGo.Wasm.Wasi;

namespace WasGo.Wasm.Tests.Wasi;

public sealed class WasiOutputTests
{
    [Fact]
    public void MemoryOutput_Should_KeepBytesUpToItsLimit()
    {
        var output = new MemoryOutput(maxBytes: 5);

        output.Write("abc"u8);
        output.Truncated.Should().BeFalse();
        output.Write("defg"u8);

        output.ToString().Should().Be("abcde");
        output.ToArray().Should().Equal("abcde"u8.ToArray());
        output.Length.Should().Be(5);
        output.Truncated.Should().BeTrue();
        output.Clear();
        output.Length.Should().Be(0);
        output.Truncated.Should().BeFalse();
    }

    [Fact]
    public void TextWriterOutput_Should_DecodeCharactersSplitAcrossWrites()
    {
        using var writer = new StringWriter();
        var output = new TextWriterOutput(writer);
        var bytes = "grüß €"u8.ToArray();

        foreach (var b in bytes)
        {
            output.Write([b]);
        }

        writer.ToString().Should().Be("grüß €");
    }

    [Fact]
    public void LineOutput_Should_PassOnCompleteLines_WithoutBreaks()
    {
        var lines = new List<string>();
        var output = new LineOutput(lines.Add, maxLineLength: 8);

        output.Write("one\r\ntw"u8);
        output.Write("o\n\nthree is long\nrest"u8);

        lines.Should().Equal("one", "two", string.Empty, "three is", " long");
        output.Flush();
        lines[^1].Should().Be("rest");
        output.Flush();
        lines.Should().HaveCount(6, "nothing is pending after a flush");
    }

    [Fact]
    public void DiscardOutput_Should_AcceptAnything()
    {
        var write = () => DiscardOutput.Instance.Write(new byte[1000]);

        write.Should().NotThrow();
    }

    [Fact]
    public void GuestOutput_Should_ReachALineOutput()
    {
        var lines = new List<string>();
        var configuration = new WasiConfiguration().WithStandardOutput(new LineOutput(lines.Add));
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineWasi(configuration);
        var instance = linker.Instantiate(store, Module.FromBytes(engine, "lines", WasGo.Wasm.Text.Wat.Parse("""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "\10\00\00\00\0e\00\00\00")
              (data (i32.const 16) "line 1\nline 2\n")
              (func (export "_start") (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """)));

        instance.RunCommand().Should().Be(0);

        lines.Should().Equal("line 1", "line 2");
    }

    [Fact]
    public void OutputSinkThatThrows_Should_TrapTheGuestCall()
    {
        var failure = new IOException("disk full");
        var configuration = new WasiConfiguration().WithStandardOutput(new ThrowingOutput(failure));
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineWasi(configuration);
        var instance = linker.Instantiate(store, Module.FromBytes(engine, "throws", WasGo.Wasm.Text.Wat.Parse("""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "\64\00\00\00\01\00\00\00")
              (func (export "_start") (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """)));

        var run = () => instance.RunCommand();

        var trap = run.Should().Throw<TrapException>().Which;
        trap.Code.Should().Be(TrapCode.HostError);
        trap.InnerException.Should().BeSameAs(failure);
    }

    private sealed class ThrowingOutput(Exception failure) : IWasiOutput
    {
        public void Write(ReadOnlySpan<byte> bytes) => throw failure;
    }
}
