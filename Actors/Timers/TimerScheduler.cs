namespace WasGo.Actors;

/// <summary>
/// The timers of one actor on the system's <see cref="TimeProvider"/>. A timer callback only sends a
/// tagged message; the table of live timers is touched by the actor's own turn alone.
/// </summary>
internal sealed class TimerScheduler(IActorRef self, TimeProvider clock) : ITimerScheduler
{
    private static readonly TimerCallback s_fire = static state =>
    {
        var (target, message) = ((IActorRef, TimerMessage))state!;
        target.Tell(message);
    };

    private readonly Dictionary<object, Entry> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Start(key, message, delay, Timeout.InfiniteTimeSpan);
    }

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _timers.ContainsKey(key);
    }

    public void Cancel(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_timers.Remove(key, out Entry? entry))
        {
            entry.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (Entry entry in _timers.Values)
        {
            entry.Timer.Dispose();
        }

        _timers.Clear();
    }

    /// <summary>Says whether a timer message that arrived is still wanted, and retires a single timer that fired.</summary>
    public bool Accept(TimerMessage message)
    {
        if (!_timers.TryGetValue(message.Key, out Entry? entry) || entry.Generation != message.Generation)
        {
            return false;
        }

        if (!entry.Periodic)
        {
            _timers.Remove(message.Key);
            entry.Timer.Dispose();
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        int generation = ++_generation;
        ITimer timer = clock.CreateTimer(s_fire, (self, new TimerMessage(key, generation, message)), dueTime, period);
        _timers[key] = new Entry(timer, generation, period != Timeout.InfiniteTimeSpan);
    }

    private sealed record Entry(ITimer Timer, int Generation, bool Periodic);
}
