using System.Diagnostics;
using System.Globalization;
using Wasmtime;
using WasGo.Host.Demo;

namespace WasGo.Benchmarks.Wasm;

/// <summary>
/// <c>instances [N] [counter] [sandbox|bare]</c>: N live instances of a module, each in its own store as an
/// entity's would be, with their memories untouched; prints the resident memory each adds and the
/// time each new store + instance takes under the sandbox's engine and bare Wasmtime, beside V8
/// doing the same with the same bytes in the same run. The module is a 1-page one without imports,
/// or with <c>counter</c> the host's example counter (its <c>wasgo</c> imports linked as traps: they
/// are never called). When creating one fails (address space, <c>vm.max_map_count</c>), the run
/// stops there and prints how many were live, the error and the process's mappings. <c>sandbox</c>
/// or <c>bare</c> measures only that setup (RSS is only right for the first setup of a process).
/// Near <c>vm.max_map_count</c> the run stops with a margin, since past it the .NET runtime aborts
/// the process; <c>to-failure</c> goes on until it does.
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

    public static void Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        bool counter = args.Contains("counter");
        bool toFailure = args.Contains("to-failure");
        string what = counter ? "the example counter (Host/Examples/counter.wasm)" : "a 1-page module";
        byte[] bytes = counter ? ExampleModules.Read("counter") : Module.ConvertText(Source);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:N0} live instances of {what}, one store each, memory untouched; vm.max_map_count = {MaxMapCount()}"));

        // One setup a process unless both are asked for: the second would reuse the native heap the
        // first freed, and its RSS would not grow (bare measured 0.7 KB an instance after the sandbox's run).
        bool onlyBare = args.Contains("bare"), onlySandbox = args.Contains("sandbox");
        Measurement? sandbox = null, bare = null;
        if (!onlyBare)
        {
            using WasmtimeSetup setup = WasmtimeSetup.Sandbox("sandbox");
            sandbox = Measure(setup, bytes, count, toFailure);
        }

        if (!onlySandbox)
        {
            using WasmtimeSetup setup = WasmtimeSetup.Bare();
            bare = Measure(setup, bytes, count, toFailure);
        }

        InstanceDensity? v8 = null;
        string path = Path.Combine(Path.GetTempPath(), $"wasgo-instances-{Environment.ProcessId}.wasm");
        File.WriteAllBytes(path, bytes);
        try
        {
            v8 = ExternalRunners.RunV8Instances(path, count);
        }
        catch (InvalidOperationException failed)
        {
            Console.WriteLine("V8 failed: " + failed.Message);
        }
        finally
        {
            File.Delete(path);
        }

        Console.WriteLine("| measure | sandbox | bare Wasmtime | V8 | sandbox/V8 | bare/V8 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| live instances made | {sandbox?.Live.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} | {bare?.Live.ToString("N0", CultureInfo.InvariantCulture) ?? "-"} | {(v8 is null ? "failed" : count.ToString("N0", CultureInfo.InvariantCulture))} | | |"));
        Row("RSS per instance (KB)", sandbox?.Density.RssBytesPerInstance / 1024, bare?.Density.RssBytesPerInstance / 1024, v8?.RssBytesPerInstance / 1024);
        Row("new store + instance, mean (µs)", sandbox?.Density.MeanMicroseconds, bare?.Density.MeanMicroseconds, v8?.MeanMicroseconds);
        Row("new store + instance, p50 (µs)", sandbox?.Density.P50Microseconds, bare?.Density.P50Microseconds, v8?.P50Microseconds);
        Row("new store + instance, p99 (µs)", sandbox?.Density.P99Microseconds, bare?.Density.P99Microseconds, v8?.P99Microseconds);
        foreach ((string label, Measurement? m) in new[] { ("sandbox", sandbox), ("bare", bare) })
        {
            if (m?.Failure is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: at instance {m.Live + 1:N0}, {m.MappingsAtFailure:N0} mappings in the process: {m.Failure}"));
            }
        }
    }

    private static void Row(string what, double? sandbox, double? bare, double? v8) =>
        Console.WriteLine($"| {what} | {F(sandbox)} | {F(bare)} | {F(v8)} | {F(sandbox / v8)} | {F(bare / v8)} |");

    private static string F(double? value) => value?.ToString("F2", CultureInfo.InvariantCulture) ?? "-";

    private static Measurement Measure(WasmtimeSetup setup, byte[] bytes, int count, bool toFailure)
    {
        // Out of kernel mappings, the .NET runtime itself aborts the process (it cannot map for the GC
        // or the JIT); so unless to-failure is asked, stop while a margin is left and say so.
        int mapLimit = int.TryParse(MaxMapCount(), CultureInfo.InvariantCulture, out int limit) ? limit : int.MaxValue;
        const int Margin = 2_000;
        using Module module = Module.FromBytes(setup.Engine, "density", bytes);
        using var linker = new Linker(setup.Engine);
        linker.DefineUnknownImportsAsTraps(module);
        for (int i = 0; i < 100; i++)
        {
            using Store warm = setup.NewStore();
            linker.Instantiate(warm, module).GetMemory("memory");
        }

        var stores = new List<Store>(count);
        var memories = new List<Memory?>(count);
        var times = new List<double>(count);
        string? failure = null;
        int mappings = 0;
        long before = ResidentBytes();
        for (int i = 0; i < count; i++)
        {
            if (i % 500 == 0 && i > 0)
            {
                mappings = Mappings();
                if (i % 5_000 == 0)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{setup.Label}: {i:N0} live, {mappings:N0} mappings"));
                }

                if (!toFailure && mappings > mapLimit - Margin)
                {
                    failure = string.Create(CultureInfo.InvariantCulture,
                        $"stopped, not failed: {mappings:N0} mappings of vm.max_map_count {mapLimit:N0} ({(double)mappings / i:F2} an instance); past the limit the runtime aborts the process ('to-failure' lets it)");
                    break;
                }
            }

            long start = Stopwatch.GetTimestamp();
            Store store = setup.NewStore();
            try
            {
                // What ScriptRuntime.Instantiate does for an entity: a store with its limits, fuel and deadline, the instance, its memory kept.
                memories.Add(linker.Instantiate(store, module).GetMemory("memory"));
            }
            catch (WasmtimeException e)
            {
                mappings = Mappings();
                store.Dispose();
                failure = e.Message.ReplaceLineEndings(" ");
                break;
            }

            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            stores.Add(store);
        }

        long after = ResidentBytes();
        GC.KeepAlive(memories);
        foreach (Store store in stores)
        {
            store.Dispose();
        }

        times.Sort();
        int live = times.Count;
        var density = new InstanceDensity((after - before) / (double)Math.Max(live, 1), live == 0 ? 0 : times.Average(),
            live == 0 ? 0 : times[live / 2], live == 0 ? 0 : times[live * 99 / 100]);
        return new Measurement(density, live, failure, mappings);
    }

    private static int Mappings() => File.ReadLines("/proc/self/maps").Count();

    private static string MaxMapCount()
    {
        const string path = "/proc/sys/vm/max_map_count";
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "unknown";
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

    private sealed record Measurement(InstanceDensity Density, int Live, string? Failure, int MappingsAtFailure);
}
