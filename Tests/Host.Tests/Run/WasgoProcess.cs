using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace WasGo.Host.Tests.Run;

/// <summary>The real <c>wasgo</c> executable in its own OS process, with its output captured line by line.</summary>
internal sealed partial class WasgoProcess : IDisposable
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

    public int ExitCode => _process.ExitCode;

    /// <summary>Gets whether the process has exited (killed, or stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Runs a short command to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using WasgoProcess wasgo = Start(args);
        if (!await wasgo.WaitForExitAsync(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException($"wasgo {string.Join(' ', args)} did not finish within a minute. Output:\n{wasgo.Output}");
        }

        // WaitForExit after the exit returns once the redirected output is read to its end.
        wasgo._process.WaitForExit();
        return (wasgo.ExitCode, wasgo.Output);
    }

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
                await Task.Delay(50, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"wasgo did not print '{text}' within {timeout}. Output:\n{Output}");
            }
        }
    }

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
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
