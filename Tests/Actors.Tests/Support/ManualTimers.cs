using System.Collections.Concurrent;

namespace WasGo.Actors.Tests.Support;

/// <summary>
/// A clock whose long timers (due in an hour or more) fire only when the test calls
/// <see cref="FireAll"/>; shorter timers (probe waits, asks) run on real time as usual. This lets a
/// test put a timer's message in an actor's mailbox at an exact moment.
/// </summary>
internal sealed class ManualTimers : TimeProvider
{
    public static readonly TimeSpan Manual = TimeSpan.FromHours(1);

    private readonly ConcurrentQueue<ManualTimer> _timers = new();

    /// <summary>Gets how many manual timers were made.</summary>
    public int Created => _timers.Count;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < Manual)
        {
            return base.CreateTimer(callback, state, dueTime, period);
        }

        var timer = new ManualTimer(callback, state);
        _timers.Enqueue(timer);
        return timer;
    }

    /// <summary>Runs the callback of every manual timer that is not disposed; returns how many ran.</summary>
    public int FireAll()
    {
        int fired = 0;
        foreach (ManualTimer timer in _timers)
        {
            if (timer.Fire())
            {
                fired++;
            }
        }

        return fired;
    }

    private sealed class ManualTimer(TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _disposed;

        public bool Fire()
        {
            if (_disposed)
            {
                return false;
            }

            callback(state);
            return true;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => !_disposed;

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
