using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using WasGo.Wasm.Wasi;

namespace WasGo.Wasm.Tests.Wasi;

/// <summary>
/// Builds the C programs of Wasi/Programs with Debian's clang-14 for wasm32-wasi (wasi-libc's sysroot is
/// /usr: headers in /usr/include/wasm32-wasi, libraries in /usr/lib/wasm32-wasi; clang finds wasm-ld
/// itself), once per test run, and runs modules under WASI.
/// </summary>
internal static class WasiPrograms
{
    public const string Clang = "/usr/bin/clang-14";

    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> s_built = new();

    public static bool ClangAvailable => File.Exists(Clang) && Directory.Exists("/usr/lib/wasm32-wasi");

    /// <summary>The folder of the C sources: copied next to the tests, or found in the checkout above them.</summary>
    public static string SourceDirectory
    {
        get
        {
            var copied = Path.Combine(AppContext.BaseDirectory, "Wasi", "Programs");
            if (Directory.Exists(copied))
            {
                return copied;
            }

            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "Tests", "Wasm.Tests", "Wasi", "Programs");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException($"no Wasi/Programs folder near {AppContext.BaseDirectory}");
        }
    }

    public static byte[] Build(string name) => s_built.GetOrAdd(name, static n => new Lazy<byte[]>(() => Compile(n))).Value;

    public static WasiRun Run(byte[] wasm, WasiConfiguration configuration)
    {
        var output = new MemoryOutput();
        var error = new MemoryOutput();
        configuration.WithStandardOutput(output).WithStandardError(error);
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineWasi(configuration);
        var instance = linker.Instantiate(store, Module.FromBytes(engine, "program", wasm));
        var exitCode = instance.RunCommand();
        return new WasiRun(exitCode, output.ToString(), error.ToString());
    }

    private static byte[] Compile(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"wasgo-wasi-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var output = Path.Combine(directory, name + ".wasm");
        var start = new ProcessStartInfo(Clang)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--target=wasm32-wasi", "--sysroot=/usr", "-O2", "-Wall", "-Werror", Path.Combine(SourceDirectory, name + ".c"), "-o", output })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException($"clang-14 failed on {name}.c: {errors.Result}");
        }

        try
        {
            return File.ReadAllBytes(output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
