using System.Threading;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// Interrupts stores whose deadline has passed: one timer for every store of an engine. Setting and
/// clearing a deadline take no lock and allocate nothing, because a store calls into its guest many
/// times a second: each changes the deadline and withdraws a fired flag under the store's own gate,
/// which the watchdog also takes to fire, so a flag is never left behind for a deadline that is
/// gone. A store joins the watchdog's list with its first deadline and leaves it after a second
/// without one.
/// </summary>
/// <remarks>Thread-safe.</remarks>
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
        Change(store, Environment.TickCount64 + (long)Math.Ceiling(limit.TotalMilliseconds));
        if (Volatile.Read(ref store.Watched) == 0)
        {
            Watch(store);
        }
    }

    /// <summary>Ends the deadline of a store; an interrupt the watchdog set that the guest has not seen is withdrawn.</summary>
    public static void Clear(InterruptRequest store) => Change(store, InterruptRequest.NoDeadline);

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

    /// <summary>Puts a new deadline in place of the old one and withdraws the old one's interrupt, if it fired and the guest has not seen it.</summary>
    private static void Change(InterruptRequest store, long deadline)
    {
        Enter(store);
        Volatile.Write(ref store.Deadline, deadline);
        Interlocked.CompareExchange(ref store.Requested, 0, InterruptRequest.ByDeadline); // a host's interrupt stays
        Volatile.Write(ref store.Gate, 0);
    }

    private static void Enter(InterruptRequest store)
    {
        // Held for a few instructions by one other party at most: the store's own thread or the watchdog.
        var spin = default(SpinWait);
        while (Interlocked.CompareExchange(ref store.Gate, 1, 0) != 0)
        {
            spin.SpinOnce();
        }
    }

    /// <returns>Whether the store leaves the list.</returns>
    private static bool Fire(InterruptRequest store, long now)
    {
        // Most ticks find a deadline still ahead, or a store not idle for long yet: no gate for those.
        long deadline = Volatile.Read(ref store.Deadline);
        if (deadline != InterruptRequest.NoDeadline)
        {
            store.IdleTicks = 0;
            if (now < deadline)
            {
                return false;
            }
        }
        else if (++store.IdleTicks < IdleTicksToLeave)
        {
            return false;
        }

        // Firing and leaving are decided under the gate, against the deadline the store has now: a
        // deadline set meanwhile is either seen here, or its setter sees Watched = 0 and joins again.
        if (Interlocked.CompareExchange(ref store.Gate, 1, 0) != 0)
        {
            return false; // its deadline is changing right now: look again at the next tick
        }

        try
        {
            deadline = Volatile.Read(ref store.Deadline);
            if (deadline == InterruptRequest.NoDeadline)
            {
                Volatile.Write(ref store.Watched, 0);
                return true;
            }

            store.IdleTicks = 0;
            if (now >= deadline)
            {
                Interlocked.CompareExchange(ref store.Requested, InterruptRequest.ByDeadline, 0); // a host's interrupt stays
            }

            return false;
        }
        finally
        {
            Volatile.Write(ref store.Gate, 0);
        }
    }
}
