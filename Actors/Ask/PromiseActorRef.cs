namespace WasGo.Actors;

/// <summary>
/// The short-lived reference an ask sends as the sender: the first message it receives completes
/// the task, and a timer fails it when no reply comes in time.
/// </summary>
internal sealed class PromiseActorRef<T> : IInternalActorRef
{
    private static readonly TimerCallback s_timeout = static state => ((PromiseActorRef<T>)state!).TimeOut();

    private readonly TaskCompletionSource<T> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IActorRef _target;
    private readonly object _message;
    private readonly TimeSpan _timeout;
    private readonly Lock _syncObj = new();
    private List<IInternalActorRef>? _watchers;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;
    private ActorPath? _path;

    public PromiseActorRef(IActorRef target, object message, TimeSpan timeout)
    {
        _target = target;
        _message = message;
        _timeout = timeout;
    }

    public Task<T> Task => _promise.Task;

    public ActorPath Path => _path ??= _target.Path.Child("$ask");

    public bool IsTerminated => _promise.Task.IsCompleted;

    public void Start(TimeProvider clock, CancellationToken cancellationToken)
    {
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = clock.CreateTimer(s_timeout, this, _timeout, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((PromiseActorRef<T>)state!).Cancel(token), this);
        }
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        bool completed = message switch
        {
            // Before the T case, so that Ask<object> fails too; only an ask for a Failure itself gets one.
            Status.Failure failure when typeof(T) != typeof(Status.Failure) => _promise.TrySetException(failure.Cause),
            T reply => _promise.TrySetResult(reply),
            _ => _promise.TrySetException(new InvalidCastException(
                $"Ask of {_target.Path} with {_message.GetType().Name} expected a reply of type {typeof(T).Name} but got {message.GetType().Name}.")),
        };
        if (completed)
        {
            OnCompleted();
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
        // An ask's sender lives as long as its task is pending: a watcher hears of its end then.
        switch (message)
        {
            case Watch watch:
                lock (_syncObj)
                {
                    if (!_promise.Task.IsCompleted)
                    {
                        (_watchers ??= []).Add(watch.Watcher);
                        return;
                    }
                }

                watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: true));
                break;
            case Unwatch unwatch:
                lock (_syncObj)
                {
                    _watchers?.Remove(unwatch.Watcher);
                }

                break;
        }
    }

    private void TimeOut()
    {
        if (_promise.TrySetException(new AskTimeoutException(
            $"Ask of {_target.Path} with {_message.GetType().Name} timed out after {_timeout.TotalMilliseconds} ms: no reply arrived. Check that the actor replies to Sender, or raise the timeout.")))
        {
            OnCompleted();
        }
    }

    private void Cancel(CancellationToken token)
    {
        if (_promise.TrySetCanceled(token))
        {
            OnCompleted();
        }
    }

    /// <summary>
    /// Called once, by whichever completed the task: frees the timer and the cancellation
    /// registration (Unregister, which never waits, as this may run inside the token's callback),
    /// and tells the watchers; a Watch that comes later sees the task completed.
    /// </summary>
    private void OnCompleted()
    {
        _timer?.Dispose();
        _cancellation.Unregister();
        List<IInternalActorRef>? watchers;
        lock (_syncObj)
        {
            watchers = _watchers;
            _watchers = null;
        }

        if (watchers is null)
        {
            return;
        }

        foreach (IInternalActorRef watcher in watchers)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: true));
        }
    }
}
