using System.Globalization;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WasGo.Actors.Logging;
using WasGo.Actors.Worlds;
using WasGo.Cluster;
using WasGo.Host.Metrics;
using WasGo.Host.Worlds;
using WasGo.Persistence;
using WasGo.Scripting;

namespace WasGo.Host.Cluster;

/// <summary>
/// The sharded entity of one world (Akka.Cluster.Sharding, remembered). It reads the world's record
/// (another node may have created it), runs the world's <see cref="WorldActor"/> as its child and
/// forwards every message to it, so that the replies come from the world. Handed off (its node
/// leaves, its shard moves), it has the world record the tick it reached, then stops.
/// </summary>
/// <remarks>
/// <para>
/// The world's journal fences it: a node that lost the shard and still ticks fails to persist a
/// sequence number the new owner has written, and Akka stops the world without answering, so
/// nothing it did after losing the shard is acknowledged; this entity then stops too.
/// </para>
/// <para>
/// A world whose actor fails for any other reason is started again the way Akka's
/// <c>BackoffSupervisor</c> (on failure) does it: the failed actor is stopped, and a new one is
/// started after a delay that doubles with each failure in a row (<see cref="RestartBackoff"/>:
/// 0.2 s to 30 s), so a world that fails as it starts costs a few restarts a minute, not thousands
/// a second; a world whose journal is away is started again the same way. Until then every message is answered at once with a <see cref="WorldUnavailableException"/>
/// saying when the world runs again (as <c>BackoffOptions.WithReplyWhileStopped</c> would), rather
/// than held for a caller that will have given up, or dropped for it to time out. Messages wait
/// here, not in the world's actor, until the world has recovered (it answers a first status
/// question), so that those sent to a world that fails as it starts are answered that way too.
/// </para>
/// </remarks>
internal sealed partial class ShardedWorld : ReceiveActor, IWithTimers, IWithStash
{
    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    private ILogger Log { get; } = Context.System.LoggerFactory().CreateLogger<ShardedWorld>();

    private static readonly TimeSpan s_retry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_handOffTimeout = TimeSpan.FromSeconds(10);
    private readonly string _worldId;
    private readonly WorldRecords _records;
    private readonly WorldLimitsOptions _limits;
    private readonly ScriptRuntime _runtime;
    private readonly IPersistenceProvider _persistence;
    private readonly WorldMailboxes _mailboxes;
    private RestartBackoff? _backoff;
    private WorldOptions? _options;
    private IActorRef? _world;
    private WorldFailureNote? _failureNote;
    private bool _worldUp;
    private Exception? _failure;
    private DateTimeOffset _restartAt;
    private bool _waitingForDatabase;

    /// <summary>Initializes the entity of one world; made through Akka.DependencyInjection, which supplies all but the id.</summary>
    public ShardedWorld(string worldId, WorldRecords records, IOptions<WorldLimitsOptions> limits, ScriptRuntime runtime, IPersistenceProvider persistence, WorldMailboxes mailboxes)
    {
        _worldId = worldId;
        _records = records;
        _limits = limits.Value;
        _runtime = runtime;
        _persistence = persistence;
        _mailboxes = mailboxes;
        Receive<Terminated>(OnTerminated);
        Receive<RestartWorld>(_ => StartWorldActor());
        Receive<HandOffWorld>(_ => HandOff());
        ReceiveAsync<object>(OnMessageAsync);
    }

    /// <inheritdoc />
    protected override void PreStart() => Self.Tell(StartWorld.Instance); // a remembered world ticks without being sent anything

    /// <summary>A world handed off or stopped with its entity is not watched to its end: it is counted out here.</summary>
    protected override void PostStop()
    {
        if (_world is not null)
        {
            _mailboxes.Stopped(_world);
        }
    }

    /// <inheritdoc />
    /// <remarks>Every failure stops the world's actor; <see cref="OnTerminated"/> then decides, knowing why.</remarks>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(e =>
        {
            // Read when the world's Terminated arrives, which the stop this returns comes before.
            Volatile.Write(ref _failure, e);
            return Directive.Stop;
        });

    private async Task OnMessageAsync(object message)
    {
        if (_world is not null)
        {
            if (_worldUp)
            {
                if (message is not StartWorld)
                {
                    _world.Forward(message);
                }
            }
            else if (message is WorldStatus status && status.WorldId == _worldId)
            {
                // The world answered its first question, so it recovered: what waited goes to it, in order.
                _worldUp = true;
                Stash.UnstashAll();
            }
            else if (message is not StartWorld)
            {
                // Held here, not in the world, until it has recovered: if it fails as it starts, these are
                // answered (with the back-off) instead of lost with it.
                Stash.Stash();
            }

            return;
        }

        if (_options is not null)
        {
            // Backing off after a failure: said at once, so that nobody waits for a world that is not there.
            if (message is not StartWorld)
            {
                TimeSpan retryAfter = _restartAt - TimeProvider.System.GetUtcNow();
                Sender.Tell(new Status.Failure(new WorldUnavailableException(
                    string.Create(CultureInfo.InvariantCulture, $"World '{_worldId}' failed {_backoff!.Failures} time(s) in a row and is started again in {Math.Max(retryAfter.TotalSeconds, 0):0.0} s; try again then."),
                    retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.Zero)));
            }

            return;
        }

        if (message is not StartWorld)
        {
            // Kept in arrival order until the world runs; only StartWorld (now, or the retry timer's) starts it.
            Stash.Stash();
            if (_waitingForDatabase)
            {
                return;
            }
        }

        WorldRecord? record;
        try
        {
            record = await _records.FindAsync(_worldId, CancellationToken.None).ConfigureAwait(true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is away: the messages wait here (unanswered, so unacknowledged) and the world starts when it is back.
            LogRecordsUnreachable(Log, _worldId, e.Message);
            _waitingForDatabase = true;
            Timers.StartSingleTimer("start", StartWorld.Instance, s_retry);
            return;
        }

        _waitingForDatabase = false;
        if (record is null)
        {
            // Every message is answered with the failure, so that each is acknowledged rather than redelivered forever.
            Become(() =>
            {
                Receive<StartWorld>(_ => { });
                ReceiveAny(_ => Sender.Tell(new Status.Failure(new InvalidOperationException($"No world '{_worldId}' exists in this cluster."))));
            });
            Stash.UnstashAll();
            return;
        }

        // A record written before the range was enforced may hold any rate; a world cannot run at it.
        double tickRate = WorldDirectory.ClampTickRate(record.TickRate);
        if (!tickRate.Equals(record.TickRate))
        {
            LogTickRateClamped(Log, _worldId, record.TickRate, tickRate);
        }

        _options = _limits.ForWorld(record.Id, tickRate);
        _backoff = new RestartBackoff(TimeProvider.System);
        StartWorldActor(); // the stashed messages go to it once it has recovered
    }

    /// <summary>Starts the world's actor and asks it a first question, which it answers once it has recovered.</summary>
    private void StartWorldActor()
    {
        WorldOptions options = _options!;
        var note = _failureNote = new WorldFailureNote();
        _world = Context.ActorOf(Props.Create(() => new WorldActor(options, _runtime, _persistence.Modules, note)), "world");
        _mailboxes.Started(_world, _worldId);
        _worldUp = false;
        Context.Watch(_world);
        _world.Tell(GetWorldStatus.Instance, Self);
        _backoff!.Started();
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_world))
        {
            return;
        }

        _mailboxes.Stopped(_world);
        _world = null;
        _worldUp = false;
        WorldFailed? journal = _failureNote?.Failed;
        Exception? failure = Interlocked.Exchange(ref _failure, null) ?? journal?.Cause;
        if (failure is null || journal is { Fenced: true })
        {
            // Another node runs the world now (or it stopped of its own accord): so does this entity.
            Context.Stop(Self);
            return;
        }

        TimeSpan delay = _backoff!.Failed();
        _restartAt = TimeProvider.System.GetUtcNow() + delay;
        LogBackingOff(Log, _worldId, failure.GetType().Name, failure.Message, _backoff.Failures, delay.TotalSeconds);
        Timers.StartSingleTimer("restart", RestartWorld.Instance, delay);
        Stash.UnstashAll(); // what waited for the world to recover is answered: it is not there
    }

    /// <summary>The world's shard leaves this node: the world records the tick it reached (so that it resumes there), then this entity stops.</summary>
    private void HandOff()
    {
        if (_world is null || !_worldUp)
        {
            Context.Stop(Self);
            return;
        }

        _world.Tell(CheckpointWorld.Instance, Self);
        Timers.StartSingleTimer("hand-off", ReceiveTimeout.Instance, s_handOffTimeout);
        Become(() =>
        {
            Receive<WorldCheckpointed>(done =>
            {
                LogHandedOff(Log, _worldId, done.Tick);
                Context.Stop(Self);
            });
            Receive<ReceiveTimeout>(_ =>
            {
                LogHandOffLate(Log, _worldId, s_handOffTimeout.TotalSeconds);
                Context.Stop(Self);
            });
            Receive<Terminated>(_ => Context.Stop(Self));
            ReceiveAny(_ => Sender.Tell(new Status.Failure(new WorldUnavailableException($"World '{_worldId}' is moving to another node; try again in a moment.", TimeSpan.FromSeconds(1)))));
        });
    }

    [LoggerMessage(EventId = 8038, Level = LogLevel.Information, Message = "World {WorldId} handed off at tick {Tick}; it resumes there on the node its shard moves to")]
    private static partial void LogHandedOff(ILogger logger, string worldId, long tick);

    [LoggerMessage(EventId = 8039, Level = LogLevel.Warning, Message = "World {WorldId} did not record its tick within {Seconds} s of its hand-off; it resumes at its last recorded tick")]
    private static partial void LogHandOffLate(ILogger logger, string worldId, double seconds);

    [LoggerMessage(EventId = 8035, Level = LogLevel.Warning, Message = "World {WorldId} cannot read its record ({Reason}); it starts when the database is back")]
    private static partial void LogRecordsUnreachable(ILogger logger, string worldId, string reason);

    [LoggerMessage(EventId = 8036, Level = LogLevel.Warning, Message = "World {WorldId} has the stored tick rate {StoredTickRate}, outside the allowed range; it runs at {TickRate} ticks a second")]
    private static partial void LogTickRateClamped(ILogger logger, string worldId, double storedTickRate, double tickRate);

    [LoggerMessage(EventId = 8037, Level = LogLevel.Warning, Message = "World {WorldId} failed ({ExceptionType}: {Reason}), {Failures} time(s) in a row; it is started again in {DelaySeconds} s and answers 'unavailable' until then")]
    private static partial void LogBackingOff(ILogger logger, string worldId, string exceptionType, string reason, int failures, double delaySeconds);

    private sealed class StartWorld
    {
        public static StartWorld Instance { get; } = new();
    }

    private sealed class RestartWorld
    {
        public static RestartWorld Instance { get; } = new();
    }
}
