using Microsoft.Extensions.Logging;

namespace WasGo.Actors;

/// <summary>
/// The parts of a cell that most actors never use: children, death watch, timers, stash, receive
/// timeout, logger. Made on first need, so an idle actor pays for none of them.
/// </summary>
internal sealed class ActorCellExtras(ActorCell cell)
{
    private static readonly TimerCallback s_receiveTimedOut = static state =>
        ((IActorRef)state!).Tell(WasGo.Actors.ReceiveTimeout.Instance);

    private ChildrenContainer? _children;
    private HashSet<IInternalActorRef>? _watchers;
    private HashSet<IActorRef>? _watching;
    private TimerScheduler? _timers;
    private ActorStash? _stash;
    private ILogger? _logger;
    private ITimer? _receiveTimeoutTimer;

    public ChildrenContainer? ChildrenOrNull => Volatile.Read(ref _children);

    public ChildrenContainer Children
    {
        get
        {
            // The guardian's children are added from any thread: first one wins.
            ChildrenContainer? children = Volatile.Read(ref _children);
            if (children is not null)
            {
                return children;
            }

            var created = new ChildrenContainer();
            return Interlocked.CompareExchange(ref _children, created, null) ?? created;
        }
    }

    public TimerScheduler Timers => _timers ??= new TimerScheduler(cell.Self, cell.System.TimeProvider);

    public ActorStash Stash => _stash ??= new ActorStash(cell);

    public ActorStash? StashOrNull => _stash;

    public ILogger Logger => _logger ??= cell.System.LoggerFactory.CreateLogger(cell.ActorType?.FullName ?? typeof(ActorBase).FullName!);

    public TimeSpan? ReceiveTimeout { get; private set; }

    public IReadOnlyCollection<IInternalActorRef> Watchers => (IReadOnlyCollection<IInternalActorRef>?)_watchers ?? [];

    public IReadOnlyCollection<IActorRef> Watching => (IReadOnlyCollection<IActorRef>?)_watching ?? [];

    public bool AcceptTimer(TimerMessage message) => _timers?.Accept(message) == true;

    public void CancelTimers()
    {
        _timers?.CancelAll();
        SetReceiveTimeout(null);
    }

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        ReceiveTimeout = timeout;
        if (timeout is null)
        {
            _receiveTimeoutTimer?.Dispose();
            _receiveTimeoutTimer = null;
            return;
        }

        RestartReceiveTimeout();
    }

    public void RestartReceiveTimeout()
    {
        if (ReceiveTimeout is not { } timeout)
        {
            return;
        }

        if (_receiveTimeoutTimer is null)
        {
            _receiveTimeoutTimer = cell.System.TimeProvider.CreateTimer(s_receiveTimedOut, cell.Self, timeout, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _receiveTimeoutTimer.Change(timeout, Timeout.InfiniteTimeSpan);
        }
    }

    public bool AddWatcher(IInternalActorRef watcher) => (_watchers ??= new(ReferenceEqualityComparer.Instance)).Add(watcher);

    public void RemoveWatcher(IInternalActorRef watcher) => _watchers?.Remove(watcher);

    public bool StartWatching(IActorRef subject) => (_watching ??= new(ReferenceEqualityComparer.Instance)).Add(subject);

    public bool IsWatching(IActorRef subject) => _watching?.Contains(subject) == true;

    public bool ForgetWatched(IActorRef subject) => _watching?.Remove(subject) == true;
}
