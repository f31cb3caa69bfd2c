using System.Diagnostics;
using System.Globalization;
using WasGo.Wasm;
using WasGo.Wasm.Text;

namespace WasGo.Benchmarks.Wasm;

/// <summary>
/// <c>instances [N]</c>: N live instances of a 1-page module, each in its own store as an entity's
/// would be, with their memories untouched; prints the resident memory each adds and the time each
/// instantiation takes, beside V8 doing the same with the same module in the same run.
/// </summary>
public static class InstanceDensityBenchmark
{
    private const string Source = """
        (module
          (memory (export "memory") 1)
          (global $count (mut i32) (i32.const 0))
          (func (export "increment") (result i32)
            (global.set $count (i32.add (global.get $count) (i32.const 1)))
            (i32.store (i32.const 0) (global.get $count))
            (global.get $count)))
        """;

    public static void Run(int count)
    {
        byte[] bytes = Wat.Parse(Source);
        InstanceDensity ours = MeasureOurs(bytes, count);
        string path = Path.Combine(Path.GetTempPath(), $"wasgo-instances-{Environment.ProcessId}.wasm");
        File.WriteAllBytes(path, bytes);
        InstanceDensity v8;
        try
        {
            v8 = ExternalRunners.RunV8Instances(path, count);
        }
        finally
        {
            File.Delete(path);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {count} live instances of a 1-page module, one store each, memory untouched
            | measure | WasGo | V8 | WasGo/V8 |
            |---|---:|---:|---:|
            | RSS per instance | {ours.RssBytesPerInstance / 1024:F2} KB | {v8.RssBytesPerInstance / 1024:F2} KB | {ours.RssBytesPerInstance / v8.RssBytesPerInstance:F2} |
            | instantiation, mean | {ours.MeanMicroseconds:F2} µs | {v8.MeanMicroseconds:F2} µs | {ours.MeanMicroseconds / v8.MeanMicroseconds:F2} |
            | instantiation, p50 | {ours.P50Microseconds:F2} µs | {v8.P50Microseconds:F2} µs | {ours.P50Microseconds / v8.P50Microseconds:F2} |
            | instantiation, p99 | {ours.P99Microseconds:F2} µs | {v8.P99Microseconds:F2} µs | {ours.P99Microseconds / v8.P99Microseconds:F2} |
            """));
    }

    private static InstanceDensity MeasureOurs(byte[] bytes, int count)
    {
        using var engine = new Engine();
        Module module = Module.FromBytes(engine, "density", bytes);
        var linker = new Linker(engine);
        for (int i = 0; i < 100; i++)
        {
            using var warm = new Store(engine);
            linker.Instantiate(warm, module);
        }

        var stores = new Store[count];
        var instances = new Instance[count];
        var times = new double[count];
        long before = ResidentBytes();
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            stores[i] = new Store(engine);
            instances[i] = linker.Instantiate(stores[i], module);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        long after = ResidentBytes();
        GC.KeepAlive(instances);
        foreach (Store store in stores)
        {
            store.Dispose();
        }

        Array.Sort(times);
        return new InstanceDensity((after - before) / (double)count, times.Average(), times[count / 2], times[count * 99 / 100]);
    }

    /// <summary>The process's resident set after a full collection, so garbage does not count.</summary>
    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using Process self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }
}
