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
    private readonly ScriptRuntime _runtime;
    private readonly IPersistenceProvider _persistence;
    private IActorRef? _world;

    public ShardedWorld(string worldId, WorldRecords records, ScriptRuntime runtime, IPersistenceProvider persistence)
    {
        _worldId = worldId;
        _records = records;
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
        if (_world is null)
        {
            WorldRecord? record;
            try
            {
                record = (await _records.LoadAsync(CancellationToken.None).ConfigureAwait(false)).FirstOrDefault(r => r.Id == _worldId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away: the messages wait here (unanswered, so unacknowledged) and the world starts when it is back.
                LogRecordsUnreachable(Log, _worldId, e.Message);
                if (message is not StartWorld)
                {
                    Stash.Stash();
                }

                Timers.StartSingleTimer("start", StartWorld.Instance, s_retry);
                return;
            }

            if (record is null)
            {
                if (message is not StartWorld)
                {
                    Sender.Tell(new Status.Failure(new InvalidOperationException($"No world '{_worldId}' exists in this cluster.")));
                }

                Context.Stop(Self);
                return;
            }

            var options = new WorldOptions { WorldId = record.Id, TickRate = record.TickRate };
            _world = Context.ActorOf(Props.Create(() => new WorldActor(options, _runtime, _persistence)), "world");
            Context.Watch(_world);
            Stash.UnstashAll();
        }

        if (message is not StartWorld)
        {
            // The delivery's id goes with the input into the world's journal: a redelivery after a fail-over takes effect once.
            Context.Forward(_world, ShardDelivery.MessageIdOf(Sender) is { } id ? new IdentifiedMessage(id, message) : message);
        }
    }

    [LoggerMessage(EventId = 8035, Level = LogLevel.Warning, Message = "World {WorldId} cannot read its record ({Reason}); it starts when the database is back")]
    private static partial void LogRecordsUnreachable(ILogger logger, string worldId, string reason);

    private sealed class StartWorld
    {
        public static StartWorld Instance { get; } = new();
    }
}
