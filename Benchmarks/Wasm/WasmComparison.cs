using System.Globalization;
using System.Text;
using WasGo.Scripting;

namespace WasGo.Benchmarks.Wasm;

/// <summary>
/// <c>wasm</c>: runs every program of <c>../shared/bench/wasm</c> under Wasmtime with the sandbox's
/// settings, the same with only NaN canonicalisation off, bare Wasmtime, V8 and native in the same
/// run, one program at a time (so all meet the same machine load), and prints each ratio and the
/// geometric means of each Wasmtime setup over V8. <c>--breakdown</c> adds bare Wasmtime with one of
/// the sandbox's settings at a time. Exits non-zero on any checksum mismatch.
/// </summary>
public static class WasmComparison
{
    /// <summary>
    /// The sandbox's memory limit for this suite: 512 pages (32 MiB), since matmul declares 386 pages
    /// and the default limit is 256. The limit sets only the size of each memory's reservation (bounds
    /// are checked in code either way), so every other setting is the default sandbox's.
    /// </summary>
    private const long SuiteMemoryPages = 512;

    public static int Run(string[] args)
    {
        int reps = 7;
        int warmup = 2;
        string size = "n";
        bool breakdown = false;
        var picks = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps": reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--size": size = args[++i]; break;
                case "--breakdown": breakdown = true; break;
                default: picks.Add(args[i]); break;
            }
        }

        BenchmarkSuite suite = BenchmarkSuite.Locate();
        string[] names = picks.Count > 0 ? [.. picks] : [.. suite.Names];
        string nativeDir = Path.Combine(Path.GetTempPath(), "wasgo-bench-native-" + Environment.ProcessId);
        bool haveNative = ExternalRunners.TryBuildNative(suite, names, nativeDir);

        using WasmtimeSetup sandbox = WasmtimeSetup.Sandbox("sandbox", new ScriptRuntimeOptions { MaxMemoryPages = SuiteMemoryPages });
        using WasmtimeSetup nanOff = WasmtimeSetup.Sandbox("sandbox, NaN canon. off", new ScriptRuntimeOptions { MaxMemoryPages = SuiteMemoryPages, NaNCanonicalization = false });
        using WasmtimeSetup bare = WasmtimeSetup.Bare();
        WasmtimeSetup[] setups = [sandbox, nanOff, bare];
        // --breakdown: bare Wasmtime with one of the sandbox's settings at a time, each as a ratio to bare.
        WasmtimeSetup[] parts = breakdown
            ?
            [
                WasmtimeSetup.BarePlus("+fuel", c => c.WithFuelConsumption(true), fuel: true),
                WasmtimeSetup.BarePlus("+epochs", c => c.WithEpochInterruption(true), epochs: true),
                WasmtimeSetup.BarePlus("+NaN canon.", c => c.WithCraneliftNaNCanonicalization(true)),
                WasmtimeSetup.BarePlus("+32 MiB reservation", c => c.WithStaticMemoryMaximumSize((ulong)(SuiteMemoryPages * Wasmtime.Memory.PageSize)).WithMemoryGuardSize(64 * 1024)),
            ]
            : [];
        var partRows = new StringBuilder();
        var partLogSums = new double[parts.Length];

        var rows = new StringBuilder();
        rows.AppendLine(CultureInfo.InvariantCulture, $"reps={reps} warmup={warmup} size={size}; times in ms, median (min); ratios use medians");
        rows.AppendLine("sandbox = ScriptRuntime's engine (fuel, epoch interruption, NaN canonicalisation, threads off, 32 MiB reservation + 64 KiB guard) and an entity's store limits; NaN off = the same with NaNCanonicalization = false; bare = default Config, threads off");
        rows.AppendLine("| benchmark | n | native | V8 | sandbox | NaN off | bare | sandbox/V8 | NaN off/V8 | bare/V8 | sandbox/NaN off | sandbox/bare | sandbox/native | compile ms sandbox / bare | first call ms sandbox / V8 |");
        rows.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var logSums = new double[setups.Length];
        double nanLogSum = 0, bareLogSum = 0;
        int failures = 0;
        foreach (string name in names)
        {
            int n = suite.Size(name, size);
            BenchmarkResult[] ours = [.. setups.Select(s => WasmtimeRunner.Run(suite, name, n, reps, warmup, s))];
            BenchmarkResult[] split = [.. parts.Select(s => WasmtimeRunner.Run(suite, name, n, reps, warmup, s))];
            BenchmarkResult v8 = ExternalRunners.RunV8(suite, name, n, reps, warmup);
            BenchmarkResult? native = haveNative ? ExternalRunners.RunNative(suite, nativeDir, name, n, reps, warmup) : null;
            bool agree = v8.Ok && (native?.Ok ?? true) && ours.Concat(split).All(r => r.Ok && r.Checksum == v8.Checksum);
            if (parts.Length > 0)
            {
                partRows.Append(CultureInfo.InvariantCulture, $"| {name} | {ours[2].MedianMs:F1} |");
                for (int i = 0; i < parts.Length; i++)
                {
                    double partRatio = split[i].MedianMs / ours[2].MedianMs;
                    partLogSums[i] += Math.Log(partRatio);
                    partRows.Append(CultureInfo.InvariantCulture, $" {split[i].MedianMs:F1} ({partRatio:F2}) |");
                }

                partRows.AppendLine(CultureInfo.InvariantCulture, $" {ours[0].MedianMs:F1} ({ours[0].MedianMs / ours[2].MedianMs:F2}) |");
            }

            failures += agree ? 0 : 1;
            double[] ratios = [.. ours.Select(r => r.MedianMs / v8.MedianMs)];
            for (int i = 0; i < ratios.Length; i++)
            {
                logSums[i] += Math.Log(ratios[i]);
            }

            double nanCost = ours[0].MedianMs / ours[1].MedianMs;
            double overBare = ours[0].MedianMs / ours[2].MedianMs;
            nanLogSum += Math.Log(nanCost);
            bareLogSum += Math.Log(overBare);
            rows.AppendLine(CultureInfo.InvariantCulture,
                $"| {name}{(agree ? string.Empty : " (CHECKSUM MISMATCH)")} | {n} | {Cell(native)} | {Cell(v8)} | {Cell(ours[0])} | {Cell(ours[1])} | {Cell(ours[2])} | {ratios[0]:F2} | {ratios[1]:F2} | {ratios[2]:F2} | {nanCost:F2} | {overBare:F2} | {(native is null ? "-" : (ours[0].MedianMs / native.MedianMs).ToString("F2", CultureInfo.InvariantCulture))} | {ours[0].CompileMs:F1} / {ours[2].CompileMs:F1} | {ours[0].FirstMs:F1} / {v8.FirstMs:F1} |");
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: sandbox {ours[0].MedianMs:F1} ms, NaN off {ours[1].MedianMs:F1} ms, bare {ours[2].MedianMs:F1} ms, V8 {v8.MedianMs:F1} ms, native {native?.MedianMs.ToString("F1", CultureInfo.InvariantCulture) ?? "-"} ms{(agree ? string.Empty : ", CHECKSUM MISMATCH")}"));
        }

        int count = names.Length;
        rows.AppendLine(CultureInfo.InvariantCulture,
            $"| **geomean** | | | | | | | **{Math.Exp(logSums[0] / count):F2}** | **{Math.Exp(logSums[1] / count):F2}** | **{Math.Exp(logSums[2] / count):F2}** | **{Math.Exp(nanLogSum / count):F2}** | **{Math.Exp(bareLogSum / count):F2}** | | | |");
        if (parts.Length > 0)
        {
            rows.AppendLine();
            rows.AppendLine("Breakdown: bare Wasmtime plus one setting, ms (ratio to bare)");
            rows.AppendLine(CultureInfo.InvariantCulture, $"| benchmark | bare | {string.Join(" | ", parts.Select(p => p.Label))} | sandbox (all) |");
            rows.AppendLine(CultureInfo.InvariantCulture, $"|---|---:|{string.Concat(parts.Select(_ => "---:|"))}---:|");
            rows.Append(partRows);
            rows.AppendLine(CultureInfo.InvariantCulture, $"| **geomean** | | {string.Join(" | ", partLogSums.Select(l => string.Create(CultureInfo.InvariantCulture, $"**{Math.Exp(l / count):F2}**")))} | **{Math.Exp(bareLogSum / count):F2}** |");
            foreach (WasmtimeSetup part in parts)
            {
                part.Dispose();
            }
        }

        rows.AppendLine();
        rows.AppendLine(CultureInfo.InvariantCulture, $"{count} programs; {failures} checksum failures");
        Console.WriteLine(rows);
        return failures == 0 ? 0 : 1;
    }

    private static string Cell(BenchmarkResult? r) =>
        r is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{r.MedianMs:F1} ({r.MinMs:F1})");
}
