using System.Threading;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// Interrupts stores whose deadline has passed: one timer for every store of an engine. Setting and
/// clearing a deadline are two field writes, with no lock and no allocation, because a store calls
/// into its guest many times a second; a store joins the watchdog's list with its first deadline
/// and leaves it after a second without one.
/// </summary>
/// <remarks>
/// Thread-safe. A deadline cleared just as the watchdog fires can leave a stale
/// <see cref="InterruptRequest.ByDeadline"/> behind; compiled code checks
/// <see cref="InterruptRequest.DeadlinePassed"/> before it traps, so such a stale flag is dropped.
/// </remarks>
internal sealed class DeadlineWatchdog : IDisposable
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(5);

    /// <summary>Ticks without a deadline after which a store leaves the list (a second).</summary>
    private const int IdleTicksToLeave = 200;

    private readonly Lock _syncObj = new();
    private readonly List<InterruptRequest> _watched = [];
    private Timer? _timer;
    private bool _disposed;

    public void Set(InterruptRequest store, TimeSpan limit)
    {
        Interlocked.Exchange(ref store.Deadline, Environment.TickCount64 + (long)Math.Ceiling(limit.TotalMilliseconds));
        if (Volatile.Read(ref store.Watched) == 0)
        {
            Watch(store);
        }
    }

    /// <summary>Ends the deadline of a store; an interrupt the watchdog set that the guest has not seen is withdrawn.</summary>
    public static void Clear(InterruptRequest store)
    {
        Volatile.Write(ref store.Deadline, InterruptRequest.NoDeadline);
        Interlocked.CompareExchange(ref store.Requested, 0, InterruptRequest.ByDeadline);
    }

    public void Dispose()
    {
        lock (_syncObj)
        {
            _disposed = true;
            _timer?.Dispose();
            _watched.Clear();
        }
    }

    private void Watch(InterruptRequest store)
    {
        lock (_syncObj)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (store.Watched == 0)
            {
                store.IdleTicks = 0;
                _watched.Add(store);
                Volatile.Write(ref store.Watched, 1);
            }

            _timer ??= new Timer(static state => ((DeadlineWatchdog)state!).Tick(), this, s_tick, s_tick);
        }
    }

    private void Tick()
    {
        long now = Environment.TickCount64;
        lock (_syncObj)
        {
            _watched.RemoveAll(store => Fire(store, now));
        }
    }

    /// <returns>Whether the store leaves the list.</returns>
    private static bool Fire(InterruptRequest store, long now)
    {
        long deadline = Volatile.Read(ref store.Deadline);
        if (deadline != InterruptRequest.NoDeadline)
        {
            store.IdleTicks = 0;
            if (now >= deadline)
            {
                Interlocked.CompareExchange(ref store.Requested, InterruptRequest.ByDeadline, 0);
            }

            return false;
        }

        if (++store.IdleTicks < IdleTicksToLeave)
        {
            return false;
        }

        // Leave, then look again: a deadline set meanwhile either sees Watched = 0 and joins again
        // (waiting for this lock), or was written before this read and keeps the store here.
        Interlocked.Exchange(ref store.Watched, 0);
        if (Volatile.Read(ref store.Deadline) == InterruptRequest.NoDeadline)
        {
            return true;
        }

        Volatile.Write(ref store.Watched, 1);
        return false;
    }
}
