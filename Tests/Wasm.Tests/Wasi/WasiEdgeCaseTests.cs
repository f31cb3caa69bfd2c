using System;
using FluentAssertions;
using WasGo.Wasm.Wasi;

namespace WasGo.Wasm.Tests.Wasi;

/// <summary>
/// Preview1 functions called with hostile arguments from a hand-written module: every guest pointer
/// or range outside memory gives EFAULT (21) and writes nothing; unknown descriptors EBADF (8).
/// </summary>
public sealed class WasiEdgeCaseTests
{
    private const int Success = 0;
    private const int BadF = 8;
    private const int Fault = 21;
    private const int Inval = 28;
    private const int NoSys = 52;
    private const int NotDir = 54;
    private const int NotSock = 57;
    private const int SPipe = 70;
    private const int NotCapable = 76;
    private const int End = WasiGuest.PageSize;

    [Fact]
    public void FdWrite_Should_GatherEveryIovec_AndReportTheCount()
    {
        using var guest = new WasiGuest();
        guest.WriteText(100, "hello, ");
        guest.WriteText(200, "world\n");
        guest.WriteIovecs(16, (100, 7), (0, 0), (200, 6));

        guest.FdWrite(1, 16, 3, 8).Should().Be(Success);
        guest.FdWrite(2, 200, 0, 12).Should().Be(Success, "no iovecs write nothing");

        guest.Output.ToString().Should().Be("hello, world\n");
        guest.Memory.ReadInt32(8).Should().Be(13);
        guest.Memory.ReadInt32(12).Should().Be(0);
        guest.Error.Length.Should().Be(0);
    }

    [Theory]
    [InlineData(End - 4, 1, "the iovec table crosses the end of memory")]
    [InlineData(End, 1, "the iovec table starts at the end of memory")]
    [InlineData(-8, 1, "the iovec table is at 0xFFFFFFF8")]
    [InlineData(16, 0x2000_0000, "the iovec count makes the table larger than memory")]
    public void FdWrite_Should_ReturnEfault_ForAnIovecTableOutsideMemory(int table, int count, string because)
    {
        using var guest = new WasiGuest();
        guest.WriteIovecs(16, (100, 5));
        guest.Memory.WriteInt32(8, 12345);

        guest.FdWrite(1, table, count, 8).Should().Be(Fault, because);

        guest.Memory.ReadInt32(8).Should().Be(12345, "nothing is written on EFAULT");
        guest.Output.Length.Should().Be(0);
    }

    [Theory]
    [InlineData(End - 2, 3)]
    [InlineData(End, 1)]
    [InlineData(-16, 32)]
    [InlineData(0, -1)]
    public void FdWrite_Should_ReturnEfault_WithoutWritingAnything_WhenAnyBufferLeavesMemory(int address, int length)
    {
        using var guest = new WasiGuest();
        guest.WriteText(100, "first");
        guest.WriteIovecs(16, (100, 5), (address, length));

        guest.FdWrite(1, 16, 2, 8).Should().Be(Fault);

        guest.Output.Length.Should().Be(0, "the valid first iovec is not written either");
    }

    [Fact]
    public void FdWrite_Should_ReturnEfault_ForAResultPointerOutsideMemory()
    {
        using var guest = new WasiGuest();
        guest.WriteIovecs(16, (100, 5));

        guest.FdWrite(1, 16, 1, End - 3).Should().Be(Fault);
        guest.FdWrite(1, 16, 1, -1).Should().Be(Fault);

        guest.Output.Length.Should().Be(0);
    }

    [Fact]
    public void FdWrite_Should_AcceptABufferEndingExactlyAtTheEndOfMemory()
    {
        using var guest = new WasiGuest();
        guest.WriteText(End - 3, "end");
        guest.WriteIovecs(16, (End - 3, 3));

        guest.FdWrite(2, 16, 1, 8).Should().Be(Success);

        guest.Error.ToString().Should().Be("end");
    }

    [Fact]
    public void Descriptors_Should_BeOnlyTheStandardStreams()
    {
        using var guest = new WasiGuest();
        guest.WriteIovecs(16, (100, 1));

        guest.FdWrite(3, 16, 1, 8).Should().Be(BadF);
        guest.FdWrite(-1, 16, 1, 8).Should().Be(BadF);
        guest.FdWrite(0, 16, 1, 8).Should().Be(NotCapable, "standard input has no write right");
        guest.FdRead(1, 16, 1, 8).Should().Be(NotCapable, "standard output has no read right");
        guest.FdRead(7, 16, 1, 8).Should().Be(BadF);
        guest.FdSeek(1, 0, 0, 8).Should().Be(SPipe);
        guest.FdSeek(7, 0, 0, 8).Should().Be(BadF);
        guest.FdPrestatGet(3, 8).Should().Be(BadF, "there are no preopened directories");
        guest.PathOpen(3, 100, 1).Should().Be(BadF);
        guest.PathOpen(0, 100, 1).Should().Be(NotDir);
        guest.SockRecv(1).Should().Be(NotSock);
        guest.SockRecv(4).Should().Be(BadF);
        guest.PollOneoff(0, 64, 1, 8).Should().Be(NoSys);
        guest.ProcRaise(9).Should().Be(NoSys);
        guest.SchedYield().Should().Be(Success);
    }

    [Fact]
    public void FdClose_Should_CloseAStandardStream_ForThisStoreOnly()
    {
        using var guest = new WasiGuest();
        guest.WriteText(100, "x");
        guest.WriteIovecs(16, (100, 1));

        guest.FdClose(1).Should().Be(Success);
        guest.FdClose(1).Should().Be(BadF, "it is closed already");
        guest.FdWrite(1, 16, 1, 8).Should().Be(BadF);
        guest.FdWrite(2, 16, 1, 8).Should().Be(Success);
        guest.FdClose(9).Should().Be(BadF);

        using var other = new WasiGuest();
        other.WriteIovecs(16, (100, 0));
        other.FdWrite(1, 16, 1, 8).Should().Be(Success, "another store has its own descriptors");
    }

    [Fact]
    public void FdFdstatGet_Should_DescribeACharacterDevice()
    {
        using var guest = new WasiGuest();

        guest.FdFdstatGet(1, 32).Should().Be(Success);
        guest.Memory.GetSpan(32, 1)[0].Should().Be(2, "character_device");
        guest.Memory.ReadInt64(40).Should().Be((1L << 6) | (1L << 27), "fd_write and poll_fd_readwrite");
        guest.FdFdstatGet(0, 64).Should().Be(Success);
        guest.Memory.ReadInt64(72).Should().Be((1L << 1) | (1L << 27), "fd_read and poll_fd_readwrite");
        guest.FdFdstatGet(5, 32).Should().Be(BadF);
        guest.FdFdstatGet(1, End - 23).Should().Be(Fault);
    }

    [Fact]
    public void FdRead_Should_ReadConfiguredInputAcrossIovecs_ThenEndOfFile()
    {
        using var guest = new WasiGuest(new WasiConfiguration().WithStandardInput("abcdefg"u8.ToArray()));
        guest.WriteIovecs(16, (100, 3), (200, 10));

        guest.FdRead(0, 16, 2, 8).Should().Be(Success);
        guest.Memory.ReadInt32(8).Should().Be(7);
        guest.ReadText(100, 3).Should().Be("abc");
        guest.ReadText(200, 4).Should().Be("defg");

        guest.FdRead(0, 16, 2, 8).Should().Be(Success);
        guest.Memory.ReadInt32(8).Should().Be(0, "end of file");
        guest.FdRead(0, -8, 1, 8).Should().Be(Fault);
    }

    [Fact]
    public void Args_Should_BeEmptyByDefault()
    {
        using var guest = new WasiGuest();
        guest.Memory.WriteInt32(8, -1);
        guest.Memory.WriteInt32(12, -1);

        guest.ArgsSizesGet(8, 12).Should().Be(Success);
        guest.Memory.ReadInt32(8).Should().Be(0);
        guest.Memory.ReadInt32(12).Should().Be(0);
        guest.EnvironSizesGet(8, 12).Should().Be(Success);
        guest.Memory.ReadInt32(8).Should().Be(0);
        guest.Memory.ReadInt32(12).Should().Be(0);
        guest.ArgsGet(End, End).Should().Be(Success, "nothing to write needs no room, even at the end of memory");
    }

    [Fact]
    public void ArgsAndEnviron_Should_BeNulTerminatedUtf8_WithPointers()
    {
        using var guest = new WasiGuest(new WasiConfiguration().WithArgs("prog", "ä").WithEnvironment("A", "1").WithEnvironment("B", "x=y").WithEnvironment("A", "2"));

        guest.ArgsSizesGet(8, 12).Should().Be(Success);
        guest.Memory.ReadInt32(8).Should().Be(2);
        guest.Memory.ReadInt32(12).Should().Be(8, "\"prog\\0\" and the two UTF-8 bytes of ä and \\0");
        guest.ArgsGet(16, 100).Should().Be(Success);
        guest.Memory.ReadInt32(16).Should().Be(100);
        guest.Memory.ReadInt32(20).Should().Be(105);
        guest.ReadText(100, 8).Should().Be("prog\0ä\0");

        guest.EnvironSizesGet(8, 12).Should().Be(Success);
        guest.Memory.ReadInt32(8).Should().Be(2);
        guest.EnvironGet(32, 200).Should().Be(Success);
        guest.ReadText(200, guest.Memory.ReadInt32(12)).Should().Be("A=2\0B=x=y\0");
        guest.Memory.ReadInt32(36).Should().Be(204);

        guest.ArgsGet(End - 4, 100).Should().Be(Fault, "two pointers need 8 bytes");
        guest.ArgsGet(16, End - 7).Should().Be(Fault, "the strings need 8 bytes");
        guest.ArgsSizesGet(8, -2).Should().Be(Fault);
        guest.EnvironGet(32, -1).Should().Be(Fault);
    }

    [Fact]
    public void Clocks_Should_RejectUnknownIds_AndBadPointers_WithoutAdvancing()
    {
        using var guest = new WasiGuest(new WasiConfiguration().WithDeterministicClock(DateTimeOffset.UnixEpoch.AddSeconds(10), TimeSpan.FromSeconds(1)));

        guest.ClockTimeGet(4, 0, 8).Should().Be(Inval);
        guest.ClockTimeGet(-1, 0, 8).Should().Be(Inval);
        guest.ClockTimeGet(0, 0, End - 7).Should().Be(Fault);
        guest.ClockResGet(1, End).Should().Be(Fault);

        guest.ClockTimeGet(0, 0, 8).Should().Be(Success);
        guest.Memory.ReadInt64(8).Should().Be(10_000_000_000, "the first reading is the start");
        guest.ClockTimeGet(1, 0, 8).Should().Be(Success);
        guest.Memory.ReadInt64(8).Should().Be(1_000_000_000, "one step after the start, on the monotonic clock");
        guest.ClockTimeGet(0, 0, 8).Should().Be(Success);
        guest.Memory.ReadInt64(8).Should().Be(12_000_000_000);
        guest.ClockResGet(0, 16).Should().Be(Success);
        guest.Memory.ReadInt64(16).Should().Be(1_000_000_000, "the resolution is the step");
    }

    [Fact]
    public void SystemClock_Should_ReadTheTimeProvider()
    {
        var provider = new FixedTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1), timestamp: 3_000, frequency: 1_000);
        using var guest = new WasiGuest(new WasiConfiguration().WithClock(provider));

        guest.ClockTimeGet(0, 0, 8).Should().Be(Success);
        guest.Memory.ReadInt64(8).Should().Be(86_400_000_000_000);
        guest.ClockTimeGet(1, 0, 8).Should().Be(Success);
        guest.Memory.ReadInt64(8).Should().Be(3_000_000_000, "3000 ticks at 1 kHz");
        guest.ClockResGet(1, 8).Should().Be(Success);
        guest.Memory.ReadInt64(8).Should().Be(1_000_000);
        guest.ClockResGet(0, 8).Should().Be(Success);
        guest.Memory.ReadInt64(8).Should().Be(100, "UTC time has 100 ns ticks");
    }

    [Fact]
    public void RandomGet_Should_FillTheRange_OrReturnEfault()
    {
        using var guest = new WasiGuest(new WasiConfiguration().WithRandomSeed(0));

        guest.RandomGet(End - 16, 17).Should().Be(Fault);
        guest.RandomGet(-1, 2).Should().Be(Fault);
        guest.RandomGet(0, -1).Should().Be(Fault);
        guest.Memory.GetSpan(End - 16, 16).ToArray().Should().OnlyContain(b => b == 0, "nothing is written on EFAULT");

        guest.RandomGet(End - 16, 16).Should().Be(Success);
        guest.Memory.ReadInt64(End - 16).Should().Be(unchecked((long)0x99EC5F36CB75F2B4UL), "the first xoshiro256** output for seed 0, little-endian");
        guest.RandomGet(End, 0).Should().Be(Success);
    }

    [Fact]
    public void ModuleWithoutMemory_Should_GetEfault_NotACrash()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineWasi();
        var instance = linker.Instantiate(store, Module.FromBytes(engine, "nomemory", WasGo.Wasm.Text.Wat.Parse("""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
              (func (export "write") (result i32) (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
              (func (export "random") (result i32) (call $random_get (i32.const 0) (i32.const 0))))
            """)));

        instance.GetFunction<int>("write")!().Should().Be(Fault);
        instance.GetFunction<int>("random")!().Should().Be(Fault);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now, long timestamp, long frequency) : TimeProvider
    {
        public override long TimestampFrequency => frequency;

        public override DateTimeOffset GetUtcNow() => now;

        public override long GetTimestamp() => timestamp;
    }
}
