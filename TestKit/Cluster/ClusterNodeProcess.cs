using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace WasGo.Actors.TestKit;

/// <summary>
/// One cluster node running as its own OS process, driven over standard input and output with
/// <see cref="NodeCommandLoop"/>'s line protocol, and stopped, killed, frozen or thawed with real signals.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class ClusterNodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string>> _pending = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _inputLock = new();
    private long _lastCommandId;

    private ClusterNodeProcess(string nodeId, Process process)
    {
        NodeId = nodeId;
        _process = process;
    }

    /// <summary>Gets the node's id.</summary>
    public string NodeId { get; }

    /// <summary>Gets the process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Gets whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets every line the node wrote so far, standard output and error interleaved.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts a node process and waits until it prints <c>READY</c>.</summary>
    /// <param name="nodeId">The node's id, for messages.</param>
    /// <param name="startInfo">How to start it; its standard streams are redirected here.</param>
    /// <param name="timeout">How long to wait for <c>READY</c>.</param>
    /// <returns>The running node.</returns>
    /// <exception cref="InvalidOperationException">The process exited or did not get ready in time; the message holds its last output.</exception>
    public static async Task<ClusterNodeProcess> StartAsync(string nodeId, ProcessStartInfo startInfo, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var node = new ClusterNodeProcess(nodeId, process);
        process.OutputDataReceived += (_, e) => node.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Exited += (_, _) => node.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node._ready.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"Node {nodeId} did not get ready within {timeout}: {e.Message}. Its last output:{Environment.NewLine}{string.Join(Environment.NewLine, node.Output.TakeLast(30))}", e);
        }

        return node;
    }

    /// <summary>Sends a command and waits for its answer line.</summary>
    /// <param name="command">The command.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The answer (without the id).</returns>
    /// <exception cref="TimeoutException">No answer in time.</exception>
    /// <exception cref="InvalidOperationException">The process exited first.</exception>
    public async Task<string> SendAsync(string command, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        long id = Interlocked.Increment(ref _lastCommandId);
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"Node {NodeId} has exited; it cannot run '{command}'.");
        }

        lock (_inputLock)
        {
            _process.StandardInput.WriteLine(id.ToString(CultureInfo.InvariantCulture) + " " + command);
            _process.StandardInput.Flush();
        }

        try
        {
            return await answer.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Kills the process at once with SIGKILL: no cleanup, its connections die with it.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Freezes the process with SIGSTOP: it holds its connections and messages but does nothing.</summary>
    public void Suspend() => Signal("STOP");

    /// <summary>Thaws a frozen process with SIGCONT.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>Waits for the process to exit.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="TimeoutException">It did not exit in time.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"Node {NodeId} did not exit within {timeout}.", e);
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process if it still runs, and releases it.</summary>
    /// <returns>A task that completes when it has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                Resume();
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }

        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill(1) could not be started.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line == "READY")
        {
            _ready.TrySetResult();
        }

        int space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && long.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            && _pending.TryGetValue(id, out TaskCompletionSource<string>? answer))
        {
            answer.TrySetResult(line[(space + 1)..]);
            return;
        }

        OnLine(line);
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private void OnExited()
    {
        var exited = new InvalidOperationException($"Node {NodeId} exited.");
        _ready.TrySetException(exited);
        foreach (TaskCompletionSource<string> answer in _pending.Values)
        {
            answer.TrySetException(exited);
        }
    }
}
