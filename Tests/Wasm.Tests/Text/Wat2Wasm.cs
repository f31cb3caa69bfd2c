using System;
using System.Diagnostics;
using System.IO;

namespace WasGo.Wasm.Tests.Text;

/// <summary>Runs wabt's wat2wasm on one module text; null when wat2wasm rejects it.</summary>
internal static class Wat2Wasm
{
    public const string MvpFlags =
        "--disable-saturating-float-to-int --disable-sign-extension --disable-multi-value --disable-bulk-memory --disable-reference-types --disable-simd";

    private static readonly string s_directory = Path.Combine(Path.GetTempPath(), $"wasgo-wat2wasm-{Environment.ProcessId}");

    public static byte[]? Convert(string text, string flags, out string errors)
    {
        Directory.CreateDirectory(s_directory);
        var name = Guid.NewGuid().ToString("N");
        var source = Path.Combine(s_directory, name + ".wat");
        var output = Path.Combine(s_directory, name + ".wasm");
        File.WriteAllText(source, text);
        try
        {
            var start = new ProcessStartInfo("wat2wasm")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var flag in flags.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                start.ArgumentList.Add(flag);
            }

            start.ArgumentList.Add(source);
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(output);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            errors = stderr.Result;
            return process.ExitCode == 0 ? File.ReadAllBytes(output) : null;
        }
        finally
        {
            File.Delete(source);
            File.Delete(output);
        }
    }
}
