using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace WasGo.Actors.TestKit;

/// <summary>
/// The real <c>wasgo</c> executable in its own OS process, with its output captured line by line:
/// for integration tests of a host, a cluster of hosts (real node processes: killed, frozen,
/// thawed with real signals) or a script running on one. <c>wasgo.dll</c> is found beside the
/// calling program, as it is in a project that references the host.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed partial class WasgoProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _syncObj = new();

    private WasgoProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Gets everything the process wrote so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_syncObj)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Gets the exit code, once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Gets whether the process has exited (killed, or stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Runs a short command to its end.</summary>
    /// <param name="args">The command and its arguments.</param>
    /// <returns>Its exit code and output.</returns>
    /// <exception cref="TimeoutException">It ran for more than a minute.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using WasgoProcess wasgo = Start(args);
        if (!await wasgo.WaitForExitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false))
        {
            throw new TimeoutException($"wasgo {string.Join(' ', args)} did not finish within a minute. Output:\n{wasgo.Output}");
        }

        // WaitForExit after the exit returns once the redirected output is read to its end.
        wasgo._process.WaitForExit();
        return (wasgo.ExitCode, wasgo.Output);
    }

    /// <summary>Starts <c>wasgo</c> with the arguments given; plain console lines, no colours.</summary>
    /// <param name="args">The command and its arguments.</param>
    /// <returns>The running process.</returns>
    public static WasgoProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wasgo.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Plain console lines and no colours, so the test can look for them.
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["NO_COLOR"] = "1";
        return new WasgoProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Waits until the output contains <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>A task that completes when it has.</returns>
    /// <exception cref="InvalidOperationException">The process exited first; the message holds its output.</exception>
    /// <exception cref="TimeoutException">It did not in time; the message holds its output.</exception>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"wasgo exited ({_process.ExitCode}) before printing '{text}'. Output:\n{Output}");
            }

            try
            {
                await Task.Delay(50, cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"wasgo did not print '{text}' within {timeout}. Output:\n{Output}");
            }
        }
    }

    /// <summary>Sends a POSIX signal: 9 kills, 15 stops gracefully, 19 freezes, 18 thaws.</summary>
    /// <param name="signal">The signal's number.</param>
    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Waits for the process to exit.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>Whether it exited in time.</returns>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_syncObj)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Kills the process if it still runs, and releases it.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
