using System.Globalization;
using System.Text;
using WasGo.Wasm;

namespace WasGo.Benchmarks.Wasm;

/// <summary>
/// <c>wasm</c>: runs every program of <c>../shared/bench/wasm</c> under our engine, V8 and native in
/// the same run, one program at a time (so all three meet the same machine load), and prints each
/// ratio and the geometric mean of ours/V8. Exits non-zero on any checksum mismatch.
/// </summary>
public static class WasmComparison
{
    public static int Run(string[] args)
    {
        int reps = 7;
        int warmup = 2;
        string size = "n";
        bool fuel = false;
        bool deterministic = false;
        var picks = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps": reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--size": size = args[++i]; break;
                case "--fuel": fuel = true; break;
                case "--deterministic": deterministic = true; break;
                default: picks.Add(args[i]); break;
            }
        }

        BenchmarkSuite suite = BenchmarkSuite.Locate();
        string[] names = picks.Count > 0 ? [.. picks] : [.. suite.Names];
        string nativeDir = Path.Combine(Path.GetTempPath(), "wasgo-bench-native-" + Environment.ProcessId);
        bool haveNative = ExternalRunners.TryBuildNative(suite, names, nativeDir);

        var rows = new StringBuilder();
        rows.AppendLine(CultureInfo.InvariantCulture, $"reps={reps} warmup={warmup} size={size} fuel={(fuel ? "on" : "off")} nan-canonicalization={(deterministic ? "on" : "off")}; times in ms, median (min); ratios use medians");
        rows.AppendLine("| benchmark | n | native | V8 | WasGo | WasGo/V8 | WasGo/native | WasGo compile | WasGo first call | V8 first call |");
        rows.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double logSum = 0;
        int failures = 0;
        foreach (string name in names)
        {
            int n = suite.Size(name, size);
            BenchmarkResult ours = WasGoRunner.Run(suite, name, n, reps, warmup, new Config().WithFuelConsumption(fuel).WithNaNCanonicalization(deterministic));
            BenchmarkResult v8 = ExternalRunners.RunV8(suite, name, n, reps, warmup);
            BenchmarkResult? native = haveNative ? ExternalRunners.RunNative(suite, nativeDir, name, n, reps, warmup) : null;
            bool agree = ours.Ok && v8.Ok && (native?.Ok ?? true) && ours.Checksum == v8.Checksum;
            failures += agree ? 0 : 1;
            double ratio = ours.MedianMs / v8.MedianMs;
            logSum += Math.Log(ratio);
            rows.AppendLine(CultureInfo.InvariantCulture,
                $"| {name}{(agree ? string.Empty : " (CHECKSUM MISMATCH)")} | {n} | {Cell(native)} | {Cell(v8)} | {Cell(ours)} | {ratio:F2} | {(native is null ? "-" : (ours.MedianMs / native.MedianMs).ToString("F2", CultureInfo.InvariantCulture))} | {ours.CompileMs:F1} | {ours.FirstMs:F1} | {v8.FirstMs:F1} |");
            Console.Error.WriteLine($"{name}: WasGo {ours.MedianMs:F1} ms, V8 {v8.MedianMs:F1} ms, native {native?.MedianMs.ToString("F1", CultureInfo.InvariantCulture) ?? "-"} ms");
        }

        rows.AppendLine();
        rows.AppendLine(CultureInfo.InvariantCulture, $"geomean WasGo/V8 = {Math.Exp(logSum / names.Length):F2} over {names.Length} programs; {failures} checksum failures");
        Console.WriteLine(rows);
        return failures == 0 ? 0 : 1;
    }

    private static string Cell(BenchmarkResult? r) =>
        r is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{r.MedianMs:F1} ({r.MinMs:F1})");
}
