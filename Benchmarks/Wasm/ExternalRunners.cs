using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WasGo.Benchmarks.Wasm;

/// <summary>
/// The baselines of the same run: V8 through the suite's own <c>node_bench.mjs</c>, and the native
/// build of the same C source (clang-14 -O2, the suite's flags) timing itself in-process.
/// </summary>
public static partial class ExternalRunners
{
    public static BenchmarkResult RunV8(BenchmarkSuite suite, string name, int n, int reps, int warmup)
    {
        string json = Path.Combine(Path.GetTempPath(), $"wasgo-v8-{Environment.ProcessId}-{name}.json");
        try
        {
            Execute("node", suite.Directory, Path.Combine(suite.Directory, "node_bench.mjs"), "--reps", Invariant(reps), "--warmup", Invariant(warmup), "--json", json, $"{name}={Invariant(n)}");
            JsonElement r = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("results")[0];
            return new BenchmarkResult(name, n, r.GetProperty("checksum").GetUInt32(), r.GetProperty("ok").GetBoolean(),
                r.GetProperty("compile_ms").GetDouble(), r.GetProperty("first_ms").GetDouble(), r.GetProperty("median_ms").GetDouble(), r.GetProperty("min_ms").GetDouble());
        }
        finally
        {
            File.Delete(json);
        }
    }

    /// <summary>Runs <c>node_instances.mjs</c>: <paramref name="count"/> live V8 instances of a module, timed and weighed.</summary>
    /// <exception cref="InvalidOperationException">node failed, or could not make them all (the message says how many it made).</exception>
    public static InstanceDensity RunV8Instances(string wasmPath, int count)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Wasm", "node_instances.mjs");
        string output = Execute("node", AppContext.BaseDirectory, "--expose-gc", script, wasmPath, Invariant(count));
        JsonElement r = JsonDocument.Parse(output).RootElement;
        if (r.TryGetProperty("error", out JsonElement error))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"V8 made {r.GetProperty("live").GetInt32():N0} live instances, then: {error.GetString()}"));
        }

        return new InstanceDensity(r.GetProperty("rss_per_instance").GetDouble(), r.GetProperty("mean_us").GetDouble(),
            r.GetProperty("p50_us").GetDouble(), r.GetProperty("p99_us").GetDouble());
    }

    /// <summary>Builds the native binaries once into <paramref name="outputDirectory"/>; returns false when clang-14 is missing.</summary>
    public static bool TryBuildNative(BenchmarkSuite suite, IEnumerable<string> names, string outputDirectory)
    {
        if (!File.Exists("/usr/bin/clang-14"))
        {
            return false;
        }

        Directory.CreateDirectory(outputDirectory);
        foreach (string name in names)
        {
            Execute("clang-14", suite.Directory, "-O2", "-std=c11", "-fno-builtin", Path.Combine(suite.Directory, name + ".c"), "-o", Path.Combine(outputDirectory, name), "-lm");
        }

        return true;
    }

    public static BenchmarkResult RunNative(BenchmarkSuite suite, string binaryDirectory, string name, int n, int reps, int warmup)
    {
        string output = Execute(Path.Combine(binaryDirectory, name), suite.Directory, Invariant(n), Invariant(reps), Invariant(warmup));
        Match m = NativeLine().Match(output);
        if (!m.Success)
        {
            throw new InvalidOperationException($"The native {name} printed no result line: {output}");
        }

        uint checksum = uint.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        uint? expected = suite.ExpectedChecksum(name, n);
        return new BenchmarkResult(name, n, checksum, expected is null || expected == checksum, null, null,
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    private static string Execute(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {stdout}{stderr.Result}");
        }

        return stdout;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"checksum=(\d+) median_ms=([\d.]+) min_ms=([\d.]+)")]
    private static partial Regex NativeLine();
}
