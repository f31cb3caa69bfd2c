using System.Threading;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// Interrupts stores whose deadline has passed: one timer for every store of an engine, so that a
/// deadline costs a list entry, not a timer of its own. Started on first use.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class DeadlineWatchdog : IDisposable
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(5);

    private readonly Lock _syncObj = new();
    private readonly Dictionary<InterruptRequest, Entry> _active = [];
    private Timer? _timer;
    private bool _disposed;

    public void Set(InterruptRequest store, TimeSpan limit)
    {
        long deadline = Environment.TickCount64 + (long)Math.Ceiling(limit.TotalMilliseconds);
        lock (_syncObj)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _active[store] = new Entry(deadline);
            _timer ??= new Timer(static state => ((DeadlineWatchdog)state!).Tick(), this, s_tick, s_tick);
        }
    }

    /// <summary>Ends the deadline of a store; an interrupt the watchdog set that the guest has not seen is withdrawn.</summary>
    public void Clear(InterruptRequest store)
    {
        lock (_syncObj)
        {
            // The watchdog interrupts only under this lock and only stores still listed, so no
            // interrupt of this deadline can arrive after it is removed here.
            if (_active.Remove(store, out Entry? entry) && entry.Fired)
            {
                Volatile.Write(ref store.Requested, 0);
            }
        }
    }

    public void Dispose()
    {
        lock (_syncObj)
        {
            _disposed = true;
            _timer?.Dispose();
            _active.Clear();
        }
    }

    private void Tick()
    {
        long now = Environment.TickCount64;
        lock (_syncObj)
        {
            foreach ((InterruptRequest store, Entry entry) in _active)
            {
                if (!entry.Fired && now >= entry.Deadline)
                {
                    entry.Fired = true;
                    Volatile.Write(ref store.Requested, 1);
                }
            }
        }
    }

    private sealed class Entry(long deadline)
    {
        public long Deadline { get; } = deadline;

        public bool Fired { get; set; }
    }
}
