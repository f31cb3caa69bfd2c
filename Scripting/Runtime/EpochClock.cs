using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// Advances an engine's epoch at a fixed interval on a thread of its own, as Wasmtime recommends
/// for wall-clock limits: a store's deadline is a number of epochs ahead, so a call in any store
/// traps with <c>Interrupt</c> once that many intervals have passed, without a timer per call.
/// </summary>
/// <remarks>Thread-safe. Dispose it before the engine.</remarks>
internal sealed class EpochClock : IDisposable
{
    private readonly Engine _engine;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _thread;

    public EpochClock(Engine engine, TimeSpan interval)
    {
        _engine = engine;
        _interval = interval;
        _thread = new Thread(Run) { IsBackground = true, Name = "wasgo-epochs" };
        _thread.Start();
    }

    public TimeSpan Interval => _interval;

    /// <summary>The epochs a store's deadline must be ahead for a limit of <paramref name="limit"/>: rounded up, plus one for the interval already under way.</summary>
    public ulong EpochsFor(TimeSpan limit) => (ulong)Math.Ceiling(limit / _interval) + 1;

    public void Dispose()
    {
        _stopping.Cancel();
        _thread.Join();
        _stopping.Dispose();
    }

    private void Run()
    {
        while (!_stopping.Token.WaitHandle.WaitOne(_interval))
        {
            _engine.IncrementEpoch();
        }
    }
}
