using Microsoft.Extensions.Logging;

namespace WasGo.Actors;

/// <summary>
/// A home for actors: the guardians at the top of the hierarchy, the dispatcher their mailboxes run
/// on, the event stream, dead letters, clock and logging. Several systems can live in one process.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed partial class ActorSystem : IAsyncDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LocalActorRef _root;
    private readonly LocalActorRef _userGuardian;
    private readonly DeadLetterActorRef _deadLetters;
    private int _terminateRequested;

    private ActorSystem(string name, ActorSystemOptions options)
    {
        Name = name;
        Options = options;
        LoggerFactory = options.LoggerFactory;
        TimeProvider = options.TimeProvider;
        Logger = LoggerFactory.CreateLogger<ActorSystem>();
        Dispatcher = Dispatcher.ThreadPool(options.Throughput);
        EventStream = new EventStream();

        ActorPath rootPath = ActorPath.Root(name);
        _deadLetters = new DeadLetterActorRef(this, rootPath.Child("deadLetters"));
        var bubbleWalker = new BubbleWalker(rootPath, onRootFailed: OnRootFailed, onRootTerminated: () => _terminated.TrySetResult());
        var rootCell = new ActorCell(this, Props.Create(static () => new Guardian(SupervisorStrategy.StoppingStrategy)), bubbleWalker, string.Empty, rootPath);
        _root = rootCell.SelfRef;
        rootCell.Start();
        _userGuardian = (LocalActorRef)rootCell.ActorOf(Props.Create(static () => new Guardian(SupervisorStrategy.DefaultStrategy)), "user");
        var systemGuardian = (LocalActorRef)rootCell.ActorOf(Props.Create(static () => new Guardian(SupervisorStrategy.DefaultStrategy)), "system");

        // When the user guardian has stopped (by Terminate, or because it failed), the rest follows.
        _userGuardian.SendSystemMessage(new Watch(new TerminationWatcher(rootPath.Child("terminationWatcher"), () => _root.SendSystemMessage(Actors.Terminate.Instance))));

        if (options.DeadLetterLogLimit > 0)
        {
            ILogger deadLetterLogger = LoggerFactory.CreateLogger("WasGo.Actors.DeadLetters");
            IActorRef listener = systemGuardian.Cell.ActorOf(
                Props.Create(() => new DeadLetterListener(deadLetterLogger, TimeProvider, options.DeadLetterLogLimit, options.DeadLetterLogWindow)),
                "deadLetterListener");
            EventStream.Subscribe<AllDeadLetters>(listener);
        }

        LogStarted(Logger, name);
    }

    /// <summary>Gets the system's name, the second part of every actor path.</summary>
    public string Name { get; }

    /// <summary>Gets the settings the system was created with.</summary>
    public ActorSystemOptions Options { get; }

    /// <summary>Gets the logger factory the system and its actors log to.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Gets the system's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the system's event stream.</summary>
    public EventStream EventStream { get; }

    /// <summary>Gets the reference that turns whatever is sent to it into a <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters => _deadLetters;

    /// <summary>Gets the default dispatcher of the system's mailboxes.</summary>
    public Dispatcher Dispatcher { get; }

    /// <summary>Gets a task that completes when every actor of the system has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal ILogger Logger { get; }

    /// <summary>Creates and starts an actor system.</summary>
    /// <param name="name">The system's name: letters, digits, '-' and '_'.</param>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The running system.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or has other characters, or a setting is out of range.</exception>
    public static ActorSystem Create(string name, ActorSystemOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"The actor system name '{name}' is not valid: use letters, digits, '-' and '_'.", nameof(name));
        }

        options ??= new ActorSystemOptions();
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        return new ActorSystem(name, options);
    }

    /// <summary>Makes a top-level actor, a child of <c>/user</c>.</summary>
    /// <param name="props">How to make it.</param>
    /// <param name="name">A name unique among top-level actors, or <see langword="null"/> for a generated one.</param>
    /// <returns>The actor's reference; it can be sent to at once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="props"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidActorNameException"><paramref name="name"/> is malformed or taken.</exception>
    /// <exception cref="InvalidOperationException">The system is terminating.</exception>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        // Terminate only queues the stop of /user: refuse at once, not only once the guardian has begun.
        if (Volatile.Read(ref _terminateRequested) != 0)
        {
            throw new InvalidOperationException($"Actor system '{Name}' is terminating; it cannot make new actors.");
        }

        return _userGuardian.Cell.ActorOf(props, name);
    }

    /// <summary>Stops an actor after the message it is processing.</summary>
    /// <param name="actor">The actor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is <see langword="null"/>.</exception>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is LocalActorRef local && ReferenceEquals(local.Cell.Parent, _userGuardian))
        {
            _userGuardian.Cell.StopChild(local);
            return;
        }

        (actor as IInternalActorRef)?.SendSystemMessage(Actors.Terminate.Instance);
    }

    /// <summary>
    /// Stops every actor, top-level ones first and the system's own last, each after its children.
    /// Calling it again returns the same task.
    /// </summary>
    /// <returns><see cref="WhenTerminated"/>.</returns>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0)
        {
            LogTerminating(Logger, Name);
            _userGuardian.SendSystemMessage(Actors.Terminate.Instance);
        }

        return WhenTerminated;
    }

    /// <summary>Terminates the system and waits up to <see cref="ActorSystemOptions.ShutdownTimeout"/> for it.</summary>
    /// <returns>A task that completes when the system has terminated.</returns>
    /// <exception cref="TimeoutException">Some actor did not stop in time (for example a handler that never returns).</exception>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Terminate().WaitAsync(Options.ShutdownTimeout, TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Actor system '{Name}' did not stop within ActorSystemOptions.ShutdownTimeout ({Options.ShutdownTimeout}); some actor is still processing a message.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => "wasgo://" + Name;

    internal void PublishDeadLetter(in Envelope envelope, IActorRef recipient)
    {
        switch (envelope.Message)
        {
            case WatchedActorTerminated or TimerMessage:
                return; // runtime bookkeeping that lost its meaning with the actor
            case AllDeadLetters:
                // A report of a lost message, sent to a subscriber that stopped: reporting its loss
                // would reach that subscriber again (a reference the event stream cannot see is
                // stopped, such as a TestProbe, stays subscribed) and recurse until the stack is gone.
                return;
            default:
                EventStream.Publish(new DeadLetter(envelope.Message, envelope.Sender, recipient));
                break;
        }
    }

    internal void PublishUnhandled(object message, IActorRef? sender, IActorRef recipient) =>
        EventStream.Publish(new UnhandledMessage(message, sender, recipient));

    internal void PublishDropped(in Envelope envelope, IActorRef recipient, string reason)
    {
        // As for dead letters: a dropped report is not reported again.
        if (envelope.Message is not AllDeadLetters)
        {
            EventStream.Publish(new Dropped(envelope.Message, reason, envelope.Sender, recipient));
        }
    }

    private void OnRootFailed()
    {
        LogRootFailed(Logger, Name);
        _root.SendSystemMessage(Actors.Terminate.Instance);
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Actor system {Name} started")]
    private static partial void LogStarted(ILogger logger, string name);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Actor system {Name} is terminating: stopping every actor")]
    private static partial void LogTerminating(ILogger logger, string name);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Critical, Message = "The root guardian of actor system {Name} failed; the system terminates")]
    private static partial void LogRootFailed(ILogger logger, string name);
}
