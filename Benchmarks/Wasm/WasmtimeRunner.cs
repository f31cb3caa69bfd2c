using System.Diagnostics;
using Wasmtime;

namespace WasGo.Benchmarks.Wasm;

/// <summary>
/// Times <c>run(n)</c> of a suite program under one Wasmtime setup with the suite's protocol:
/// compile, instantiate, one cold call, warm-up calls, then the median of the timed calls.
/// </summary>
public static class WasmtimeRunner
{
    public static BenchmarkResult Run(BenchmarkSuite suite, string name, int n, int reps, int warmup, WasmtimeSetup setup)
    {
        byte[] bytes = File.ReadAllBytes(suite.WasmPath(name));
        long start = Stopwatch.GetTimestamp();
        using Module module = Module.FromBytes(setup.Engine, name, bytes);
        double compileMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        using Store store = setup.NewStore();
        using var linker = new Linker(setup.Engine);
        Instance instance = linker.Instantiate(store, module);
        Func<int, int> run = instance.GetFunction<int, int>("run")
            ?? throw new InvalidOperationException($"{name}.wasm does not export run: [i32] -> [i32].");

        start = Stopwatch.GetTimestamp();
        uint first = (uint)run(n);
        double firstMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        bool ok = true;
        for (int i = 0; i < warmup; i++)
        {
            ok &= (uint)run(n) == first;
        }

        var times = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            start = Stopwatch.GetTimestamp();
            ok &= (uint)run(n) == first;
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        uint? expected = suite.ExpectedChecksum(name, n);
        ok &= expected is null || expected == first;
        Array.Sort(times);
        return new BenchmarkResult(name, n, first, ok, compileMs, firstMs, times[times.Length / 2], times[0]);
    }
}
