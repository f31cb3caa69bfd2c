using System.IO;
using System.Text.Json;
using FluentAssertions;
using WasGo.Wasm.Tests.Spec;

namespace WasGo.Wasm.Tests.Programs;

/// <summary>
/// Correctness (not speed) on real compiler output: the clang-built programs of shared/bench/wasm
/// must return the checksums recorded in benchmarks.json for their small sizes.
/// </summary>
public sealed class BenchProgramTests
{
    private static string BenchRoot => Path.Combine(SpecPaths.Shared, "bench", "wasm");

    /// <summary>The prebuilt module, or one built like shared/bench/wasm/build.sh does when out/ is absent.</summary>
    private static string WasmFile(string name)
    {
        var prebuilt = Path.Combine(BenchRoot, "out", "wasm", name + ".wasm");
        if (File.Exists(prebuilt))
        {
            return prebuilt;
        }

        var directory = Directory.CreateTempSubdirectory("wasgo-bench-").FullName;
        var obj = Path.Combine(directory, name + ".o");
        var wasm = Path.Combine(directory, name + ".wasm");
        Run("clang-14", $"--target=wasm32 -ffreestanding -nostdlib -O2 -std=c11 -fno-builtin -c \"{Path.Combine(BenchRoot, name + ".c")}\" -o \"{obj}\"");
        Run("wasm-ld-14", $"--no-entry \"{obj}\" -o \"{wasm}\"");
        return wasm;
    }

    /// <summary>The size of <paramref name="sizeName"/> for a program, and the checksum recorded for it.</summary>
    private static (int Size, uint Checksum) RecordedChecksum(string name, string sizeName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(BenchRoot, "benchmarks.json")));
        var root = document.RootElement;
        var size = root.GetProperty("benchmarks").GetProperty(name).GetProperty(sizeName).GetInt32();
        return (size, root.GetProperty("checksums").GetProperty(name).GetProperty(size.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetUInt32());
    }

    private static void Run(string program, string arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardError = true, UseShellExecute = false };
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new System.InvalidOperationException($"{program} failed: {errors}");
        }
    }

    /// <summary>Every program of ../shared/bench/wasm.</summary>
    public static TheoryData<string> Programs { get; } = ["nbody", "fannkuch", "sha256", "matmul", "fib", "interp", "memops", "hash64"];

    [Theory]
    [MemberData(nameof(Programs))]
    public void ClangProgram_Should_ReturnTheRecordedChecksum(string name)
    {
        var (size, expected) = RecordedChecksum(name, "n_interp");
        using var engine = new Engine();
        using var store = new Store(engine);
        var module = Module.FromFile(engine, WasmFile(name));
        var run = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("run")!;

        ((uint)run(size)).Should().Be(expected);
        ((uint)run(size)).Should().Be(expected, "run(n) recomputes everything on each call");
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void ClangProgram_Should_ComputeTheSameChecksum_AndConsumeTheSameFuelEveryRun_WhenFuelIsOn(string name)
    {
        var (size, expected) = RecordedChecksum(name, "n_test");
        using var engine = new Engine(new Config().WithFuelConsumption(true));
        var module = Module.FromFile(engine, WasmFile(name));
        var used = new long[2];
        for (var run = 0; run < 2; run++)
        {
            using var store = new Store(engine);
            store.SetFuel(long.MaxValue / 2);
            var function = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("run")!;
            ((uint)function(size)).Should().Be(expected);
            used[run] = (long.MaxValue / 2) - store.GetFuel();
        }

        used[0].Should().BePositive().And.Be(used[1], "the same module and input consume the same fuel");
    }
}
