using System;
using System.Linq;
using FluentAssertions;
using WasGo.Wasm.Wasi;
using Xunit.Abstractions;

namespace WasGo.Wasm.Tests.Wasi;

/// <summary>C programs built with clang-14 for wasm32-wasi (Debian's wasi-libc) run under our engine.</summary>
public sealed class WasiProgramTests(ITestOutputHelper log)
{
    [Fact]
    public void CProgram_Should_PrintArgsAndEnvironment_AndExitWithItsCode()
    {
        var run = WasiPrograms.Run(WasiPrograms.Build("hello"), new WasiConfiguration()
            .WithArgs("hello", "first", "zweite Ärgument")
            .WithEnvironment("GREETING", "grüß dich")
            .WithDeterminism(seed: 1));
        log.WriteLine(run.StandardOutput);

        run.ExitCode.Should().Be(7);
        run.StandardError.Should().Be("warning: to stderr\n");
        var lines = run.StandardOutput.Split('\n');
        lines.Should().StartWith(
        [
            "hello from wasm",
            "argc=3",
            "argv[0]=hello",
            "argv[1]=first",
            "argv[2]=zweite Ärgument",
            "GREETING=grüß dich",
            "MISSING=(unset)",
        ]);
        lines.Should().Contain("monotonic advances=1");
        lines.Should().ContainMatch("entropy=????????????????????????????????");
        lines.Should().ContainMatch("arc4random=????????");
    }

    [Fact]
    public void CProgram_Should_SeeTheDeterministicClock()
    {
        var run = WasiPrograms.Run(WasiPrograms.Build("hello"), new WasiConfiguration()
            .WithDeterministicClock(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), TimeSpan.FromMilliseconds(250)));

        // Readings 0, 1, 2 (whatever wasi-libc reads before main comes first would shift these; it reads none).
        run.StandardOutput.Should().Contain($"realtime={new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).ToUnixTimeSeconds()}.000000000\n");
        run.StandardOutput.Should().Contain("monotonic=0.250000000 0.500000000\n");
    }

    [Fact]
    public void CProgram_Should_GiveIdenticalOutput_WithASeedAndTheDeterministicClock()
    {
        var wasm = WasiPrograms.Build("hello");
        WasiRun Once(ulong seed) => WasiPrograms.Run(wasm, new WasiConfiguration().WithArgs("hello").WithDeterminism(seed));

        var first = Once(42);
        var second = Once(42);
        var otherSeed = Once(43);

        second.Should().Be(first);
        otherSeed.StandardOutput.Should().NotBe(first.StandardOutput, "the random bytes come from the seed");
        first.StandardOutput.Should().Contain("realtime=946684800.000000000", "the default virtual clock starts at 2000-01-01");
    }

    [Fact]
    public void CProgram_Should_GetFreshRandomness_ByDefault()
    {
        var wasm = WasiPrograms.Build("hello");
        string Entropy() => WasiPrograms.Run(wasm, new WasiConfiguration()).StandardOutput.Split('\n').Single(l => l.StartsWith("entropy=", StringComparison.Ordinal));

        Entropy().Should().NotBe(Entropy());
    }

    [Fact]
    public void CProgram_Should_ReadTheSystemClock_ByDefault()
    {
        var run = WasiPrograms.Run(WasiPrograms.Build("hello"), new WasiConfiguration());

        var line = run.StandardOutput.Split('\n').Single(l => l.StartsWith("realtime=", StringComparison.Ordinal));
        var seconds = long.Parse(line["realtime=".Length..line.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        seconds.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60);
    }

    [Fact]
    public void CProgram_Should_FailToReachFiles_WithAnErrno()
    {
        var run = WasiPrograms.Run(WasiPrograms.Build("nofiles"), new WasiConfiguration());
        log.WriteLine(run.StandardOutput);

        run.ExitCode.Should().Be(0, "main returned 0, so _start returned normally");
        var lines = run.StandardOutput.Split('\n');
        // With no preopened directory, wasi-libc resolves no path and reports ENOTCAPABLE (76) itself.
        lines.Should().Contain("fopen absolute: NULL errno=76 (Capabilities insufficient)");
        lines.Should().Contain("fopen relative: NULL errno=76");
        lines.Should().Contain("open: -1 errno=76");
        lines.Should().Contain("opendir: NULL errno=76");
        lines.Should().Contain("unlink: -1 errno=76");
        lines.Should().Contain("read stdin: 0 errno=0", "standard input is at end of file");
        lines.Should().Contain("write fd 9: -1 errno=8", "EBADF");
        lines.Should().Contain("lseek stdout: -1 errno=70", "ESPIPE");
        lines.Should().Contain("isatty stdout: 1", "the standard streams are character devices without seek rights");
    }

    [Fact]
    public void CProgram_Should_LinkAgainstEveryPreview1Function()
    {
        var run = WasiPrograms.Run(WasiPrograms.Build("imports"), new WasiConfiguration());

        run.ExitCode.Should().Be(0);
        run.StandardOutput.Split('\n').Should().StartWith(
        [
            "fd_close(99)=8",
            "fd_sync(99)=8",
            "fd_sync(1)=76",
            "path_open(99)=8",
            "path_open(1)=54",
            "sock_shutdown(1)=57",
            "sched_yield=0",
            "clock_res_get(9)=28",
        ]);
    }

    [Fact]
    public void CProgram_Should_ReadConfiguredStandardInput()
    {
        var run = WasiPrograms.Run(WasiPrograms.Build("nofiles"), new WasiConfiguration().WithStandardInput("typed in"u8.ToArray()));

        run.StandardOutput.Split('\n').Should().Contain("read stdin: 8 errno=0");
    }
}
