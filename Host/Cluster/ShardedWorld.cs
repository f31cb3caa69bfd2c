using WasGo.Actors;
using WasGo.Cluster;
using WasGo.Host.Worlds;
using WasGo.Persistence;
using WasGo.Scripting;

namespace WasGo.Host.Cluster;

/// <summary>
/// The entity a cluster node runs for one world. It reads the world's record (another node may have
/// created it), runs the world's <see cref="WorldActor"/> as its child and forwards every message
/// to it, so that the replies — which acknowledge the messages to the broker — come from the world.
/// </summary>
/// <remarks>
/// The world's journal fences it: a node that lost the shard and still ticks fails to append an
/// input number the new owner has written, and then stops without answering, so nothing it did
/// after losing the shard is acknowledged.
/// </remarks>
internal sealed partial class ShardedWorld : ReceiveActor
{
    private static readonly TimeSpan s_retry = TimeSpan.FromSeconds(1);
    private readonly string _worldId;
    private readonly WorldRecords _records;
    private readonly WorldLimitsOptions _limits;
    private readonly ScriptRuntime _runtime;
    private readonly IPersistenceProvider _persistence;
    private IActorRef? _world;
    private bool _waitingForDatabase;

    public ShardedWorld(string worldId, WorldRecords records, WorldLimitsOptions limits, ScriptRuntime runtime, IPersistenceProvider persistence)
    {
        _worldId = worldId;
        _records = records;
        _limits = limits;
        _runtime = runtime;
        _persistence = persistence;
        Receive<Terminated>(_ => Context.Stop(Self));
        ReceiveAsync<object>(OnMessageAsync);
    }

    /// <inheritdoc />
    protected override void PreStart() => Self.Tell(StartWorld.Instance); // a remembered world ticks without being sent anything

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(e => e is JournalSequenceException ? Directive.Stop : Directive.Restart);

    private async Task OnMessageAsync(object message)
    {
        if (_world is not null)
        {
            if (message is not StartWorld)
            {
                // The delivery's id goes with the input into the world's journal: a redelivery after a fail-over takes effect once.
                Context.Forward(_world, ShardDelivery.MessageIdOf(Sender) is { } id ? new IdentifiedMessage(id, message) : message);
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
            record = await _records.FindAsync(_worldId, CancellationToken.None).ConfigureAwait(false);
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

        WorldOptions options = _limits.ForWorld(record.Id, tickRate);
        _world = Context.ActorOf(Props.Create(() => new WorldActor(options, _runtime, _persistence)), "world");
        Context.Watch(_world);
        Stash.UnstashAll();
    }

    [LoggerMessage(EventId = 8035, Level = LogLevel.Warning, Message = "World {WorldId} cannot read its record ({Reason}); it starts when the database is back")]
    private static partial void LogRecordsUnreachable(ILogger logger, string worldId, string reason);

    [LoggerMessage(EventId = 8036, Level = LogLevel.Warning, Message = "World {WorldId} has the stored tick rate {StoredTickRate}, outside the allowed range; it runs at {TickRate} ticks a second")]
    private static partial void LogTickRateClamped(ILogger logger, string worldId, double storedTickRate, double tickRate);

    private sealed class StartWorld
    {
        public static StartWorld Instance { get; } = new();
    }
}
