using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;

namespace WasGo.Wasm.Tests.Spec;

/// <summary>Converts a .wast file to JSON + binary modules with wabt's wast2json, once per test run.</summary>
internal static class SpecConverter
{
    /// <summary>wast2json flags for the MVP snapshot (see shared/spec/README.md).</summary>
    public const string MvpFlags = "--disable-saturating-float-to-int --disable-sign-extension --disable-multi-value --disable-bulk-memory --disable-reference-types --disable-simd";

    private static readonly string s_root = Path.Combine(Path.GetTempPath(), $"wasgo-spec-{Environment.ProcessId}");
    private static readonly ConcurrentDictionary<string, Lazy<string>> s_converted = new();

    static SpecConverter()
    {
        RemoveLeftovers("wasgo-spec-");
        RemoveLeftovers("wasgo-wat-");

        // The converted scripts are ~40 MB: remove them when the test process ends.
        AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
        {
            try
            {
                Directory.Delete(s_root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
    }

    /// <summary>Deletes the scratch folders of earlier test processes that are gone (the test host may be killed before ProcessExit).</summary>
    private static void RemoveLeftovers(string prefix)
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), prefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(directory).AsSpan(prefix.Length), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                using var process = Process.GetProcessById(pid);
            }
            catch (ArgumentException)
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    /// <summary>Returns the path of the JSON script for a spec file ("core/i32" or "v2/i32").</summary>
    public static string Convert(string suite, string name) =>
        // Lazy: test classes run in parallel, and two wast2json runs into one folder would clash.
        s_converted.GetOrAdd($"{suite}/{name}", _ => new Lazy<string>(() => Run(suite, name))).Value;

    private static string Run(string suite, string name)
    {
        var output = Path.Combine(s_root, suite, name);
        Directory.CreateDirectory(output);
        var source = Path.Combine(SpecPaths.SpecRoot, suite, name + ".wast");
        var json = Path.Combine(output, name + ".json");
        var flags = suite == "core" ? MvpFlags + " " : string.Empty;
        var start = new ProcessStartInfo("wast2json", $"{flags}\"{source}\" -o \"{json}\"")
        {
            WorkingDirectory = output,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wast2json did not start");
        var errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wast2json failed on {source}: {errors}");
        }

        return json;
    }
}
