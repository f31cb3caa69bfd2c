using System;
using System.Diagnostics;
using System.IO;

namespace WasGo.Wasm.Tests.Support;

/// <summary>Compiles WebAssembly text to a binary module with wabt's wat2wasm (test fixtures).</summary>
internal static class Wat
{
    public static byte[] ToWasm(string text, string flags = "")
    {
        var directory = Path.Combine(Path.GetTempPath(), $"wasgo-wat-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        var name = Guid.NewGuid().ToString("N");
        var source = Path.Combine(directory, name + ".wat");
        var output = Path.Combine(directory, name + ".wasm");
        File.WriteAllText(source, text);
        var start = new ProcessStartInfo("wat2wasm", $"{flags} \"{source}\" -o \"{output}\"")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wat2wasm failed: {errors}");
        }

        var bytes = File.ReadAllBytes(output);
        File.Delete(source);
        File.Delete(output);
        return bytes;
    }

    public static Module Compile(Engine engine, string text) => Module.FromBytes(engine, "fixture", ToWasm(text));

    public static Instance Instantiate(string text, Action<Linker, Store>? define = null)
    {
        var engine = new Engine();
        var store = new Store(engine);
        var linker = new Linker(engine);
        define?.Invoke(linker, store);
        return linker.Instantiate(store, Compile(engine, text));
    }
}
