using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// Compiles modules in a process of their own, so that a module Cranelift would need minutes or
/// gigabytes for is refused after <see cref="ScriptRuntimeOptions.MaxCompileTime"/> or
/// <see cref="ScriptRuntimeOptions.MaxCompileMemoryBytes"/> instead of holding the host: a compile
/// cannot be stopped inside a process, but a process can be killed. The process runs
/// <see cref="RunAsync"/> (the host's hidden <c>wasgo compile-module</c>): it reads the module on
/// standard input and writes the compiled artifact on standard output, or why the module does not
/// compile, with exit code 2.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class CompilerProcess
{
    private const int Refused = 2;

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(20);

    // Each compile may hold up to MaxCompileMemoryBytes: no more of them at once than processors.
    private static readonly SemaphoreSlim s_slots = new(Environment.ProcessorCount);

    private readonly string[] _command;

    /// <summary>Initializes a compiler that starts <paramref name="command"/> for each module.</summary>
    /// <param name="command">The program that runs <see cref="RunAsync"/>, then its leading arguments; for example <c>dotnet exec wasgo.dll compile-module</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="command"/> is empty.</exception>
    public CompilerProcess(IEnumerable<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _command = [.. command];
        if (_command.Length == 0)
        {
            throw new ArgumentException("The compiler's command names no program.", nameof(command));
        }
    }

    /// <summary>Gets the program this compiler starts for each module, then its leading arguments.</summary>
    public IReadOnlyList<string> Command => _command;

    /// <summary>
    /// What the compiler process runs: reads a module from <paramref name="input"/>, compiles it
    /// with the engine settings <paramref name="arguments"/> give, and writes the artifact to
    /// <paramref name="output"/>.
    /// </summary>
    /// <param name="arguments">The settings, as <see cref="CompilerProcess"/> passes them.</param>
    /// <param name="input">The module's bytes, to their end.</param>
    /// <param name="output">Where the artifact goes, or why the module does not compile (UTF-8).</param>
    /// <returns>The process's exit code: 0 compiled, 2 refused.</returns>
    /// <exception cref="ArgumentException">The arguments are not the settings a <see cref="CompilerProcess"/> passes.</exception>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        (string name, ScriptRuntimeOptions options) = SettingsFrom(arguments);
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer).ConfigureAwait(false);
        using Engine engine = ScriptRuntime.CreateEngine(options);
        (byte[] reply, int exitCode) = Compile(engine, name, buffer.ToArray());
        await output.WriteAsync(reply).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>Compiles a module in a new process under the sandbox's limits and returns its artifact.</summary>
    /// <param name="name">The module's name in Wasmtime's errors (a host names modules by their hash).</param>
    /// <param name="bytes">The module.</param>
    /// <param name="options">The sandbox's engine settings and compile limits.</param>
    /// <exception cref="ModuleCompileException">The module does not compile, or its compile went past a limit.</exception>
    internal async Task<byte[]> CompileAsync(string name, byte[] bytes, ScriptRuntimeOptions options)
    {
        await s_slots.WaitAsync().ConfigureAwait(false);
        try
        {
            return await CompileInNewProcessAsync(name, bytes, options).ConfigureAwait(false);
        }
        finally
        {
            s_slots.Release();
        }
    }

    private static (byte[] Reply, int ExitCode) Compile(Engine engine, string name, byte[] bytes)
    {
        try
        {
            using Module module = ScriptRuntime.CompileHere(engine, name, bytes);
            return (module.Serialize(), 0);
        }
        catch (ModuleCompileException refused)
        {
            return (Encoding.UTF8.GetBytes(refused.Message), Refused);
        }
    }

    private async Task<byte[]> CompileInNewProcessAsync(string name, byte[] bytes, ScriptRuntimeOptions options)
    {
        var start = new ProcessStartInfo(_command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in _command.Skip(1).Concat(ArgumentsOf(name, options)))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"The compiler process ({string.Join(' ', _command)}) did not start.");
        using var output = new MemoryStream();
        Task reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        Task writing = WriteAsync(process, bytes);
        Task exited = process.WaitForExitAsync();
        long started = Stopwatch.GetTimestamp();
        while (!exited.IsCompleted)
        {
            if (LimitPassed(process, Stopwatch.GetElapsedTime(started), options) is { } reason)
            {
                process.Kill(entireProcessTree: true);
                await exited.ConfigureAwait(false);
                throw new ModuleCompileException(reason);
            }

            await Task.WhenAny(exited, Task.Delay(s_pollInterval)).ConfigureAwait(false);
        }

        await Task.WhenAll(reading, writing).ConfigureAwait(false);
        string failure = LastLine(await errors.ConfigureAwait(false));
        return process.ExitCode switch
        {
            0 => output.ToArray(),
            Refused => throw new ModuleCompileException(Encoding.UTF8.GetString(output.ToArray())),

            // Cranelift aborting on a module is the module's refusal too; the host is not affected.
            _ => throw new ModuleCompileException(string.Create(CultureInfo.InvariantCulture, $"the compiler process failed on it (exit code {process.ExitCode}): {failure}")),
        };
    }

    private static string? LimitPassed(Process process, TimeSpan elapsed, ScriptRuntimeOptions options)
    {
        if (elapsed > options.MaxCompileTime)
        {
            return string.Create(CultureInfo.InvariantCulture, $"compiling it took longer than {options.MaxCompileTime.TotalSeconds:0.###} s, the sandbox's limit (MaxCompileTime): make it smaller, or its functions less deeply nested");
        }

        try
        {
            process.Refresh();
            long resident = process.WorkingSet64;
            return resident > options.MaxCompileMemoryBytes
                ? string.Create(CultureInfo.InvariantCulture, $"compiling it needed more than {options.MaxCompileMemoryBytes / (1024 * 1024):N0} MiB, the sandbox's limit (MaxCompileMemoryBytes): make it smaller, or its functions less deeply nested")
                : null;
        }
        catch (InvalidOperationException)
        {
            return null; // it exited between the loop's check and this one
        }
    }

    private static async Task WriteAsync(Process process, byte[] bytes)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(bytes).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited (or was killed) before reading everything: its exit code says why.
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "it printed nothing";

    private static IEnumerable<string> ArgumentsOf(string name, ScriptRuntimeOptions options) =>
    [
        "--name", name,
        "--nan-canonicalization", options.NaNCanonicalization ? "true" : "false",
        "--max-stack-bytes", options.MaxStackBytes.ToString(CultureInfo.InvariantCulture),
        "--max-memory-pages", options.MaxMemoryPages.ToString(CultureInfo.InvariantCulture),
    ];

    private static (string Name, ScriptRuntimeOptions Options) SettingsFrom(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string name = "module";
        var options = new ScriptRuntimeOptions();
        for (int i = 0; i + 1 < arguments.Count; i += 2)
        {
            string value = arguments[i + 1];
            switch (arguments[i])
            {
                case "--name":
                    name = value;
                    break;
                case "--nan-canonicalization":
                    options.NaNCanonicalization = bool.Parse(value);
                    break;
                case "--max-stack-bytes":
                    options.MaxStackBytes = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--max-memory-pages":
                    options.MaxMemoryPages = long.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"'{arguments[i]}' is not a compiler setting.", nameof(arguments));
            }
        }

        return arguments.Count % 2 == 0 ? (name, options) : throw new ArgumentException($"The compiler setting '{arguments[^1]}' has no value.", nameof(arguments));
    }
}
