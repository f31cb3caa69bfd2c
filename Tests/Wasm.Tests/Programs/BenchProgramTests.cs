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

    [Theory]
    [InlineData("nbody")]
    [InlineData("fannkuch")]
    [InlineData("sha256")]
    [InlineData("matmul")]
    [InlineData("fib")]
    [InlineData("interp")]
    [InlineData("memops")]
    [InlineData("hash64")]
    public void ClangProgram_Should_ReturnTheRecordedChecksum(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(BenchRoot, "benchmarks.json")));
        var root = document.RootElement;
        var size = root.GetProperty("benchmarks").GetProperty(name).GetProperty("n_interp").GetInt32();
        var expected = root.GetProperty("checksums").GetProperty(name).GetProperty(size.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetUInt32();
        using var engine = new Engine();
        using var store = new Store(engine);
        var module = Module.FromFile(engine, Path.Combine(BenchRoot, "out", "wasm", name + ".wasm"));
        var run = new Linker(engine).Instantiate(store, module).GetFunction<int, int>("run")!;

        ((uint)run(size)).Should().Be(expected);
        ((uint)run(size)).Should().Be(expected, "run(n) recomputes everything on each call");
    }
}
