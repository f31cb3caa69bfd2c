using WasGo.Wasm;

namespace WasGo.Persistence;

/// <summary>
/// Stops function calls that run past their deadline: one timer for all of them, so a call costs a
/// list entry, not a timer of its own.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class CallWatchdog : IDisposable
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(10);

    private readonly Lock _syncObj = new();
    private readonly List<Call> _active = [];
    private readonly TimeProvider _clock;
    private readonly ITimer _timer;

    public CallWatchdog(TimeProvider clock)
    {
        _clock = clock;
        _timer = clock.CreateTimer(static state => ((CallWatchdog)state!).Tick(), this, s_tick, s_tick);
    }

    public Call Begin(Store store, TimeSpan limit)
    {
        var call = new Call(store, _clock.GetTimestamp() + (long)(limit.TotalSeconds * _clock.TimestampFrequency));
        lock (_syncObj)
        {
            _active.Add(call);
        }

        return call;
    }

    /// <summary>Ends a call; returns whether the watchdog interrupted it (its store must then not be reused).</summary>
    public bool End(Call call)
    {
        lock (_syncObj)
        {
            _active.Remove(call);
            return call.Interrupted;
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        long now = _clock.GetTimestamp();
        lock (_syncObj)
        {
            // Interrupting under the lock means End never returns while an interrupt for its call is unrecorded.
            foreach (Call call in _active)
            {
                if (!call.Interrupted && now >= call.Deadline)
                {
                    call.Interrupted = true;
                    call.Store.Interrupt();
                }
            }
        }
    }

    internal sealed class Call(Store store, long deadline)
    {
        public Store Store { get; } = store;

        public long Deadline { get; } = deadline;

        public bool Interrupted { get; set; }
    }
}
