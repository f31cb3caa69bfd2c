using System.Globalization;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using WasGo.Actors.Logging;

namespace WasGo.Cluster;

/// <summary>
/// The entities of one shard while it is active on this node: starts them on their first message,
/// passivates them, counts what they have not answered yet, and on hand-off lets them finish before
/// it stops, so that every message it took is acknowledged or returned to the queue.
/// </summary>
internal sealed partial class Shard : ReceiveActor, IWithTimers
{
    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private ILogger Log { get; } = Context.System.LoggerFactory().CreateLogger<Shard>();

    private readonly int _shardId;
    private readonly long _generation;
    private readonly RegionSettings _settings;
    private readonly IShardTransport _transport;
    private readonly Func<string, Props> _entityProps;
    private readonly RememberedEntities? _remembered;
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _ids = [];
    private readonly Dictionary<string, int> _unanswered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastMessageAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<EntityDelivery>> _passivating = new(StringComparer.Ordinal);
    private int _unansweredTotal;
    private bool _handingOff;

    public Shard(int shardId, long generation, RegionSettings settings, IShardTransport transport, RememberedEntities? remembered)
    {
        _shardId = shardId;
        _generation = generation;
        _settings = settings;
        _transport = transport;
        _entityProps = settings.EntityProps ?? throw new ArgumentException("A proxy hosts no shards.", nameof(settings));
        _remembered = remembered;
        Receive<EntityDelivery>(Deliver);
        Receive<ShardDeliveries>(OnDeliveries);
        Receive<DeliveryDone>(OnDeliveryDone);
        Receive<Passivate>(OnPassivate);
        Receive<Terminated>(OnTerminated);
        Receive<HandOffShard>(_ => BeginHandOff());
        Receive<HandOffTimedOut>(_ => FinishHandOff());
        Receive<PassivateIdleTick>(_ => PassivateIdle());
        Receive<GetShardState>(_ => Sender.Tell(new ShardState(ShardIdText, [.. _entities.Keys.Order(StringComparer.Ordinal)])));
        Receive<RememberedEntitiesLoaded>(OnRememberedLoaded);
        Receive<RememberedEntitiesWritten>(written => _remembered?.Written(written, Self));
    }

    private ClusterShardingOptions Options => _settings.Options;

    private string ShardIdText => _shardId.ToString(CultureInfo.InvariantCulture);

    protected override void PreStart()
    {
        if (Options.PassivateIdleEntityAfter is { } idle)
        {
            Timers.StartPeriodicTimer(PassivateIdleTick.Instance, PassivateIdleTick.Instance, idle / 2, idle / 2);
        }

        _remembered?.Load(Self);
    }

    private void OnDeliveries(ShardDeliveries deliveries)
    {
        foreach (WireEnvelope envelope in deliveries.Envelopes)
        {
            IActorRef replyTo = envelope.CorrelationId == 0
                ? Context.System.DeadLetters
                : new RemoteReplyRef(_transport, _settings.Serializer, envelope.ReplyNode, envelope.CorrelationId, Self);
            object? message;
            try
            {
                message = envelope switch
                {
                    { EntityId.Length: 0 } => throw new InvalidDataException("The envelope names no entity."),
                    { Kind: WireKind.Message } => _settings.Serializer.Deserialize(envelope.Payload, envelope.Manifest),
                    { Kind: WireKind.StartEntity } => null,
                    _ => throw new InvalidDataException($"An envelope of kind {envelope.Kind} is not a message for an entity."),
                };
            }
            catch (Exception e)
            {
                // A message this node cannot read is answered with the reason and acknowledged: retrying cannot help.
                LogUnreadable(Log, envelope.EntityId, envelope.Manifest, e.Message);
                replyTo.Tell(new Status.Failure(new InvalidOperationException($"Node {Options.NodeId} cannot read a message of manifest '{envelope.Manifest}' for entity '{envelope.EntityId}': {e.Message}")));
                deliveries.Batch.CompleteOne();
                continue;
            }

            Deliver(new EntityDelivery(envelope.EntityId, envelope.MessageId, message, replyTo, deliveries.Batch));
        }
    }

    private void Deliver(EntityDelivery delivery)
    {
        if (_passivating.TryGetValue(delivery.EntityId, out List<EntityDelivery>? waiting))
        {
            waiting.Add(delivery);
            return;
        }

        IActorRef entity = EntityFor(delivery.EntityId);
        _lastMessageAt[delivery.EntityId] = TimeProvider.System.GetTimestamp();
        if (delivery.Message is null)
        {
            delivery.ReplyTo.Tell(new StartEntityAck(delivery.EntityId, ShardIdText));
            delivery.Batch.CompleteOne();
            return;
        }

        _unanswered[delivery.EntityId] = _unanswered.GetValueOrDefault(delivery.EntityId) + 1;
        _unansweredTotal++;
        entity.Tell(delivery.Message, new DeliveryReplyRef(delivery, Self, entity));
    }

    private IActorRef EntityFor(string entityId)
    {
        if (!_entities.TryGetValue(entityId, out IActorRef? entity))
        {
            entity = Context.Watch(Context.ActorOf(_entityProps(entityId), Uri.EscapeDataString(entityId)));
            _entities[entityId] = entity;
            _ids[entity] = entityId;
            _remembered?.Add(entityId, Self);
            Context.Parent.Tell(new ShardEntityCount(_shardId, _entities.Count));
        }

        return entity;
    }

    private void OnDeliveryDone(DeliveryDone done)
    {
        if (_unanswered.TryGetValue(done.EntityId, out int count))
        {
            if (count <= 1)
            {
                _unanswered.Remove(done.EntityId);
            }
            else
            {
                _unanswered[done.EntityId] = count - 1;
            }

            _unansweredTotal--;
        }

        if (_handingOff && _unansweredTotal == 0)
        {
            FinishHandOff();
        }
    }

    private void OnPassivate(Passivate passivate)
    {
        if (_ids.TryGetValue(Sender, out string? entityId) && !_passivating.ContainsKey(entityId))
        {
            _passivating[entityId] = [];
            Sender.Tell(passivate.StopMessage);
        }
    }

    private void PassivateIdle()
    {
        if (Options.PassivateIdleEntityAfter is not { } idle)
        {
            return;
        }

        TimeProvider clock = TimeProvider.System;
        long now = clock.GetTimestamp();
        foreach ((string entityId, IActorRef entity) in _entities)
        {
            if (!_passivating.ContainsKey(entityId) && !_unanswered.ContainsKey(entityId)
                && clock.GetElapsedTime(_lastMessageAt.GetValueOrDefault(entityId, now), now) >= idle)
            {
                _passivating[entityId] = [];
                entity.Tell(PoisonPill.Instance);
            }
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        if (!_ids.Remove(terminated.ActorRef, out string? entityId))
        {
            return;
        }

        _entities.Remove(entityId);
        _lastMessageAt.Remove(entityId);
        Context.Parent.Tell(new ShardEntityCount(_shardId, _entities.Count));
        if (_unanswered.Remove(entityId, out int lost))
        {
            // It stopped with messages unanswered (fenced, or its writes kept failing): they are not
            // acknowledged, and only giving up the shard's channel returns them to the queue.
            _unansweredTotal -= lost;
            Context.Parent.Tell(new ShardFailed(_shardId, _generation, entityId));
        }

        bool passivated = _passivating.Remove(entityId, out List<EntityDelivery>? waiting);
        if (passivated && waiting!.Count > 0)
        {
            foreach (EntityDelivery delivery in waiting)
            {
                Deliver(delivery);
            }
        }
        else if (passivated)
        {
            _remembered?.Remove(entityId, Self);
        }
    }

    private void OnRememberedLoaded(RememberedEntitiesLoaded loaded)
    {
        _remembered?.Loaded(loaded, Self);
        foreach (string entityId in loaded.EntityIds)
        {
            EntityFor(entityId);
        }
    }

    private void BeginHandOff()
    {
        _handingOff = true;
        if (_unansweredTotal == 0)
        {
            FinishHandOff();
            return;
        }

        Timers.StartSingleTimer(HandOffTimedOut.Instance, HandOffTimedOut.Instance, Options.HandOffTimeout);
    }

    private void FinishHandOff()
    {
        if (!_handingOff)
        {
            return;
        }

        _handingOff = false;
        Context.Parent.Tell(new ShardStopped(_shardId, _generation));
        Context.Stop(Self);
    }
}
