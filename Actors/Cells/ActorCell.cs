using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace WasGo.Actors;

/// <summary>
/// The runtime's side of one actor: its instance, mailbox, family and lifecycle. The cell lives from
/// spawn to stop; instances come and go with restarts.
/// </summary>
/// <remarks>
/// Everything here runs inside the mailbox's one active turn, except what is marked otherwise
/// (<see cref="IsTerminated"/>, and the children table, which has its own lock).
/// </remarks>
[DebuggerDisplay("{Self.Path}")]
internal sealed partial class ActorCell : IActorContext
{
    private const int StateFailed = 1;
    private const int StateTerminating = 2;
    private const int StateTerminated = 4;

    private readonly IInternalActorRef _parent;
    private ActorBase? _actor;
    private Task? _pendingTask;
    private Envelope _current;
    private bool _processing;
    private ActorCellExtras? _extras;

    // Written by the cell's turn, read from any thread: Volatile for the terminated flag.
    private int _stateDoNotCallMeDirectly;

    public ActorCell(ActorSystem system, Props props, IInternalActorRef parent, string name, ActorPath? path = null)
    {
        System = system;
        Props = props;
        _parent = parent;
        SelfRef = new LocalActorRef(this, parent, name, path);
        Mailbox = new Mailbox(this, props.Mailbox, props.Dispatcher ?? system.Dispatcher);
    }

    public ActorSystem System { get; }

    public Props Props { get; }

    public LocalActorRef SelfRef { get; }

    public Mailbox Mailbox { get; }

    public IActorRef Self => SelfRef;

    public IActorRef Sender => _current.Sender ?? System.DeadLetters;

    public IActorRef? CurrentSender => _current.Sender;

    public Envelope? CurrentEnvelope => _processing ? _current : null;

    public IActorRef Parent => _parent;

    public bool IsTerminated => (Volatile.Read(ref _stateDoNotCallMeDirectly) & StateTerminated) != 0;

    public ITimerScheduler Timers => Extras.Timers;

    public IStash Stash => Extras.Stash;

    public ILogger Log => Extras.Logger;

    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout;

    public IReadOnlyList<IActorRef> Children =>
        _extras?.ChildrenOrNull is { } children ? Array.ConvertAll(children.Living(), static c => (IActorRef)c.Ref) : [];

    private ActorCellExtras Extras => _extras ?? EnsureExtras();

    private bool IsFailed => (_stateDoNotCallMeDirectly & StateFailed) != 0;

    private bool IsTerminating => (_stateDoNotCallMeDirectly & StateTerminating) != 0;

    // Volatile: ActorOf on the user guardian runs on any thread, while the guardian's own turn stops it.
    private bool IsStoppingOrStopped => (Volatile.Read(ref _stateDoNotCallMeDirectly) & (StateTerminating | StateTerminated)) != 0;

    /// <summary>Queues the creation of the first instance; called once, by whoever spawned the cell.</summary>
    public void Start() => Mailbox.PostSystem(Create.Instance);

    public void Forward(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        target.Tell(message, _current.Sender);
    }

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero);
        }

        Extras.SetReceiveTimeout(timeout);
    }

    /// <summary>Processes one user message; returns a task still running if an async handler awaits.</summary>
    public Task Invoke(in Envelope envelope)
    {
        _current = envelope;
        _processing = true;
        object message = envelope.Message;
        try
        {
            switch (message)
            {
                case TimerMessage timer:
                    if (_extras?.AcceptTimer(timer) != true)
                    {
                        return Task.CompletedTask;
                    }

                    _current = envelope with { Message = timer.Message };
                    ReceiveMessage(timer.Message);
                    break;
                case WatchedActorTerminated notice:
                    if (_extras?.ForgetWatched(notice.Actor) != true)
                    {
                        return Task.CompletedTask;
                    }

                    _current = new Envelope(notice.Terminated, notice.Actor);
                    ReceiveMessage(notice.Terminated);
                    break;
                case PoisonPill:
                    Stop(Self);
                    break;
                case Kill:
                    throw new ActorKilledException($"{Self.Path} received Kill.");
                default:
                    ReceiveMessage(message);
                    break;
            }

            if (_pendingTask is { } pending)
            {
                _pendingTask = null;
                if (!pending.IsCompleted)
                {
                    return pending;
                }

                OnAsyncHandlerCompleted(pending);
                return Task.CompletedTask;
            }

            // The message the actor saw: a timer's own message, not its TimerMessage wrapper, so that
            // an INotInfluenceReceiveTimeout tick does not keep an idle actor from timing out.
            AfterMessage(_current.Message);
        }
        catch (Exception exception)
        {
            _pendingTask = null;
            HandleInvokeFailure(exception);
            _processing = false;
        }

        return Task.CompletedTask;
    }

    /// <summary>Ends the processing of a message whose async handler has completed.</summary>
    public void OnAsyncHandlerCompleted(Task task)
    {
        if (task.Exception is { } failure)
        {
            HandleInvokeFailure(failure.InnerExceptions.Count == 1 ? failure.InnerExceptions[0] : failure);
            _processing = false;
            return;
        }

        if (task.IsCanceled)
        {
            HandleInvokeFailure(new TaskCanceledException(task));
            _processing = false;
            return;
        }

        AfterMessage(_current.Message);
    }

    /// <summary>Called by a <see cref="ReceiveActor"/> async handler: the message is done when the task is.</summary>
    public void RunTask(Task task) => _pendingTask = task;

    public void SystemInvoke(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create:
                    CreateFirstInstance();
                    break;
                case Recreate recreate:
                    Restart(recreate.Cause);
                    break;
                case Resume:
                    ResumeAfterFailure();
                    break;
                case Terminate:
                    BeginTerminate();
                    break;
                case Failed failed:
                    HandleFailed(failed);
                    break;
                case ChildTerminated childTerminated:
                    HandleChildTerminated(childTerminated.Child);
                    break;
                case Watch watch:
                    AddWatcher(watch.Watcher);
                    break;
                case Unwatch unwatch:
                    _extras?.RemoveWatcher(unwatch.Watcher);
                    break;
                case DeathWatchNotification notification:
                    HandleDeathWatchNotification(notification);
                    break;
            }
        }
        catch (Exception exception)
        {
            HandleInvokeFailure(exception);
        }
    }

    private void ReceiveMessage(object message)
    {
        ActorBase actor = _actor ?? throw new InvalidOperationException($"{Self.Path} has no instance to process {message.GetType().Name}.");
        if (!actor.Receive(message))
        {
            actor.Unhandled(message);
        }
    }

    private void AfterMessage(object message)
    {
        _processing = false;
        // ReceiveTimeout itself does not reset the idle time, but once handled it starts the next
        // idle period: as in Akka, the timeout keeps firing while the actor stays idle.
        if (_extras?.ReceiveTimeout is not null && (message is not INotInfluenceReceiveTimeout || message is WasGo.Actors.ReceiveTimeout))
        {
            _extras.RestartReceiveTimeout();
        }
    }

    private ActorBase NewInstance()
    {
        ActorBase actor;
        try
        {
            actor = Props.Factory();
        }
        catch (Exception exception)
        {
            throw new ActorInitializationException($"{Self.Path} could not be made: its factory threw {exception.GetType().Name}: {exception.Message}", exception);
        }

        actor.Attach(this);
        return actor;
    }

    private void CreateFirstInstance()
    {
        ActorBase actor = NewInstance();
        _actor = actor;
        try
        {
            actor.PreStart();
        }
        catch (Exception exception)
        {
            throw new ActorInitializationException($"{Self.Path} failed in PreStart: {exception.Message}", exception);
        }
    }

    private ActorCellExtras EnsureExtras()
    {
        // Top-level actors are added to the guardian from other threads, so this can race: first one wins.
        var extras = new ActorCellExtras(this);
        return Interlocked.CompareExchange(ref _extras, extras, null) ?? extras;
    }

    private void SetState(int flag) => Volatile.Write(ref _stateDoNotCallMeDirectly, _stateDoNotCallMeDirectly | flag);

    private void ClearState(int flag) => Volatile.Write(ref _stateDoNotCallMeDirectly, _stateDoNotCallMeDirectly & ~flag);
}
