using System.Runtime.InteropServices;

namespace WasGo.Host.Commands;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM as a cancellation, for a command that runs until it is stopped.
/// System.CommandLine 2.0.0 handles neither unless a termination timeout is configured, so the
/// runtime would end the process at once with 130 or 143 (<c>run</c> has the Generic Host's own
/// handlers). Every signal only cancels <see cref="Token"/>: tools such as <c>timeout</c> send theirs
/// to the process and again to its group, so a second one is no sign of impatience.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignals(CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    /// <summary>Gets the token cancelled by a signal (or by the token given).</summary>
    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        _stop.Cancel();
    }
}
