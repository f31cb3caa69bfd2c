using System;
using FluentAssertions;
using WasGo.Wasm.Wasi;

namespace WasGo.Wasm.Tests.Wasi;

/// <summary>Writes larger than a span or than nwritten's u32 (a 4 GiB memory, never touched, so it costs no RAM).</summary>
public sealed class WasiLargeWriteTests
{
    [Fact]
    public void FdWrite_Should_ChunkHugeBuffers_AndStopShortAtU32Max()
    {
        var sink = new CountingOutput();
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineWasi(new WasiConfiguration().WithStandardOutput(sink));
        var instance = linker.Instantiate(store, Module.FromBytes(engine, "huge", WasGo.Wasm.Text.Wat.Parse("""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 65536)
              (data (i32.const 16) "\00\00\00\00\ff\ff\ff\ff\00\00\00\00\ff\ff\ff\ff")
              (func (export "write") (param i32) (result i32) (call $fd_write (i32.const 1) (i32.const 16) (local.get 0) (i32.const 8)))
              (func (export "written") (result i32) (i32.load (i32.const 8))))
            """)));
        var write = instance.GetFunction<int, int>("write")!;
        var written = instance.GetFunction<int>("written")!;

        write(1).Should().Be(0);
        written().Should().Be(-1, "0xFFFFFFFF bytes, the whole memory but one byte");
        sink.Bytes.Should().Be(uint.MaxValue);
        sink.LargestWrite.Should().BeLessThanOrEqualTo(1 << 30, "spans are handed out in pieces of at most 1 GiB");

        sink.Bytes = 0;
        write(2).Should().Be(0);
        written().Should().Be(-1, "nwritten is a u32: the write is short");
        sink.Bytes.Should().Be(uint.MaxValue);
    }

    private sealed class CountingOutput : IWasiOutput
    {
        public long Bytes { get; set; }

        public int LargestWrite { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            Bytes += bytes.Length;
            LargestWrite = Math.Max(LargestWrite, bytes.Length);
        }
    }
}
