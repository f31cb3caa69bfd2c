using System.Globalization;
using System.Text;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using WasGo.Actors.Logging;
using WasGo.Persistence;

namespace WasGo.Cluster;

/// <summary>
/// The region of one entity type on one node (Akka's <c>ShardRegion</c>): routes each message to its
/// entity's shard — in memory when that shard is active here, through the shard's queue otherwise —
/// runs the shards the broker made active here, sends replies back to waiting senders, publishes
/// heartbeats, and hands shards off when it holds more than its fair share.
/// </summary>
internal sealed partial class ShardRegion : ReceiveActor, IWithTimers
{
    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private ILogger Log { get; } = Context.System.LoggerFactory().CreateLogger<ShardRegion>();

    private readonly RegionSettings _settings;
    private readonly IShardTransport _transport;
    private readonly MemberTable _members;
    private readonly Dictionary<int, ActiveShard> _shards = [];
    private readonly Dictionary<long, (IActorRef Sender, long At)> _waiting = [];
    private long _lastCorrelationId;
    private IActorRef? _leaveRequester;

    public ShardRegion(RegionSettings settings, IShardTransport transport)
    {
        _settings = settings;
        _transport = transport;
        _members = new MemberTable(settings.Options.HeartbeatTimeout);
        Receive<ShardActivated>(OnShardActivated);
        Receive<ShardDeliveries>(OnDeliveries);
        Receive<ShardsLost>(_ => OnShardsLost());
        Receive<RepliesReceived>(OnReplies);
        Receive<HeartbeatReceived>(h => _members.Heard(h.Heartbeat, Now));
        Receive<ShardEntityCount>(OnEntityCount);
        Receive<ShardStopped>(OnShardStopped);
        Receive<ShardFailed>(OnShardFailed);
        Receive<HandOffCompleted>(OnHandOffCompleted);
        Receive<RegionTick>(OnTick);
        Receive<GetShardRegionState>(_ => ReplyRegionState());
        Receive<GetClusterShardingStats>(_ => Sender.Tell(ClusterStats()));
        Receive<GracefulShutdown>(_ => BeginLeave());
        ReceiveAny(Route);
    }

    private static long Now => TimeProvider.System.GetTimestamp();

    private ClusterShardingOptions Options => _settings.Options;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(RegionTick.HeartbeatDue, RegionTick.HeartbeatDue, TimeSpan.Zero, Options.HeartbeatInterval);
        Timers.StartPeriodicTimer(RegionTick.RebalanceDue, RegionTick.RebalanceDue, Options.RebalanceInterval, Options.RebalanceInterval);
    }

    private void Route(object message)
    {
        try
        {
            RouteExtracted(message);
        }
        catch (Exception e)
        {
            // A user's extractor that throws must not restart the region: it holds the node's shards.
            Refuse(message, $"{_settings.TypeName}: the message extractor failed on {message.GetType().Name}: {e.Message}");
        }
    }

    private void RouteExtracted(object message)
    {
        string? entityId = _settings.Extractor.EntityId(message);
        if (string.IsNullOrEmpty(entityId))
        {
            Refuse(message, $"{_settings.TypeName}: the message extractor found no entity id in {message.GetType().Name}; wrap the message in a ShardingEnvelope or teach the extractor its type.");
            return;
        }

        string shardText = _settings.Extractor.ShardId(message);
        if (!int.TryParse(shardText, NumberStyles.None, CultureInfo.InvariantCulture, out int shardId) || shardId >= Options.ShardCount)
        {
            Refuse(message, $"{_settings.TypeName}: the message extractor gave shard id '{shardText}' for entity '{entityId}'; it must be a number from 0 to {Options.ShardCount - 1} (Cluster:ShardCount).");
            return;
        }

        object? payload = message is StartEntity ? null : _settings.Extractor.EntityMessage(message);
        if (payload is null && message is not StartEntity)
        {
            Refuse(message, $"{_settings.TypeName}: the message extractor gave no entity message for {message.GetType().Name}.");
            return;
        }

        if (_shards.TryGetValue(shardId, out ActiveShard? shard) && !shard.HandingOff)
        {
            shard.Actor.Tell(new EntityDelivery(entityId, Guid.NewGuid(), payload, Sender, DeliveryBatch.None));
            return;
        }

        SendThroughBroker(shardId, entityId, payload);
    }

    private void SendThroughBroker(int shardId, string entityId, object? payload)
    {
        byte[] bytes = [];
        string manifest = string.Empty;
        if (payload is not null)
        {
            try
            {
                (bytes, manifest) = _settings.Serializer.Serialize(payload);
            }
            catch (Exception e)
            {
                Refuse(payload, $"{_settings.TypeName}: {payload.GetType().Name} for entity '{entityId}' cannot cross to another node: {e.Message}");
                return;
            }
        }

        long correlationId = 0;
        if (!ReferenceEquals(Sender, Context.System.DeadLetters))
        {
            correlationId = ++_lastCorrelationId;
            _waiting[correlationId] = (Sender, Now);
        }

        WireKind kind = payload is null ? WireKind.StartEntity : WireKind.Message;
        string replyNode = correlationId == 0 ? string.Empty : Options.NodeId;
        _transport.Send(shardId, new WireEnvelope(Guid.NewGuid(), kind, replyNode, correlationId, entityId, manifest, bytes));
    }

    private void Refuse(object message, string reason)
    {
        LogRefused(Log, message.GetType().Name, reason);
        if (!ReferenceEquals(Sender, Context.System.DeadLetters))
        {
            Sender.Tell(new Status.Failure(new ArgumentException(reason)));
        }
    }

    private void OnShardActivated(ShardActivated activated)
    {
        if (_settings.EntityProps is null || _leaveRequester is not null)
        {
            return;
        }

        if (_shards.TryGetValue(activated.ShardId, out ActiveShard? existing))
        {
            if (existing.Generation == activated.Generation)
            {
                return;
            }

            // An older consume's shard still stopping: it is closed already, the new one takes over.
            Context.Stop(existing.Actor);
        }

        RememberedEntities? remembered = Options.RememberEntities && _settings.StateStore is { } store
            ? new RememberedEntities(store, $"{_settings.TypeName}/shard-{activated.ShardId}/remembered")
            : null;
        IActorRef actor = Context.ActorOf(
            Props.Create(() => new Shard(activated.ShardId, activated.Generation, _settings, _transport, remembered)),
            $"shard-{activated.ShardId}-{activated.Generation}");
        _shards[activated.ShardId] = new ActiveShard(actor, activated.Generation);
        LogShardActive(Log, Options.NodeId, activated.ShardId);
    }

    private void OnDeliveries(ShardDeliveries deliveries)
    {
        if (!_shards.TryGetValue(deliveries.ShardId, out ActiveShard? shard) || shard.Generation != deliveries.Generation || shard.HandingOff)
        {
            // Not acknowledged: the channel's close returns it to the queue for the next owner.
            return;
        }

        // The shard reads the envelopes itself: shards run in parallel, the region is one actor.
        shard.Actor.Tell(deliveries);
    }

    private void OnShardsLost()
    {
        foreach (ActiveShard shard in _shards.Values)
        {
            Context.Stop(shard.Actor);
        }

        LogShardsLost(Log, Options.NodeId, _shards.Count);
        _shards.Clear();
    }

    private void OnReplies(RepliesReceived received)
    {
        foreach (WireReply reply in received.Replies)
        {
            if (!_waiting.Remove(reply.CorrelationId, out (IActorRef Sender, long At) waiting))
            {
                continue;
            }

            waiting.Sender.Tell(ReadReply(reply));
        }
    }

    private object ReadReply(WireReply reply)
    {
        try
        {
            return reply.Kind switch
            {
                WireKind.StartEntity => new StartEntityAck(Encoding.UTF8.GetString(reply.Payload), reply.Manifest),
                WireKind.Failure => new Status.Failure(new InvalidOperationException(Encoding.UTF8.GetString(reply.Payload))),
                _ => _settings.Serializer.Deserialize(reply.Payload, reply.Manifest),
            };
        }
        catch (Exception e)
        {
            return new Status.Failure(new InvalidOperationException($"A reply of manifest '{reply.Manifest}' cannot be read on node {Options.NodeId}: {e.Message}", e));
        }
    }

    private void OnEntityCount(ShardEntityCount count)
    {
        if (_shards.TryGetValue(count.ShardId, out ActiveShard? shard))
        {
            shard.EntityCount = count.Count;
        }
    }

    private void OnTick(RegionTick tick)
    {
        if (tick.Heartbeat)
        {
            _transport.PublishHeartbeat(OwnHeartbeat());
            return;
        }

        long now = Now;
        _members.Expire(now, TimeProvider.System);
        ForgetStaleWaits(now);
        if (_settings.EntityProps is null || _leaveRequester is not null)
        {
            return;
        }

        // A node learns it became active only from a delivery: probe the shards nobody claims.
        for (int shardId = 0; shardId < Options.ShardCount; shardId++)
        {
            if (!_shards.ContainsKey(shardId) && !_members.IsClaimedElsewhere(shardId, Options.NodeId))
            {
                _transport.Probe(shardId);
            }
        }

        if (_shards.Values.Any(s => s.HandingOff))
        {
            return;
        }

        var active = _shards.ToDictionary(s => s.Key, s => s.Value.EntityCount);
        int hosts = Math.Max(1, _members.ShardHosts);
        int fairShare = FairShare.Of(Options.ShardCount, hosts);
        foreach (int shardId in FairShare.ToHandOff(active, Options.ShardCount, hosts))
        {
            LogHandingOff(Log, Options.NodeId, shardId, active.Count, fairShare);
            HandOff(shardId);
        }
    }

    private void ForgetStaleWaits(long now)
    {
        TimeProvider clock = TimeProvider.System;
        foreach (long correlationId in _waiting.Where(w => clock.GetElapsedTime(w.Value.At, now) > Options.ReplyTimeout).Select(w => w.Key).ToList())
        {
            _waiting.Remove(correlationId);
        }
    }

    private void HandOff(int shardId)
    {
        if (_shards.TryGetValue(shardId, out ActiveShard? shard) && !shard.HandingOff)
        {
            shard.HandingOff = true;
            shard.Actor.Tell(HandOffShard.Instance);
        }
    }

    private void OnShardStopped(ShardStopped stopped)
    {
        if (_shards.TryGetValue(stopped.ShardId, out ActiveShard? shard) && shard.Generation == stopped.Generation)
        {
            _shards.Remove(stopped.ShardId);
        }

        int shardId = stopped.ShardId;
        HandOffAsync(shardId, stopped.Generation, consumeAgain: _leaveRequester is null).PipeTo(Self);
    }

    private async Task<HandOffCompleted> HandOffAsync(int shardId, long generation, bool consumeAgain)
    {
        await _transport.HandOffAsync(shardId, generation, consumeAgain).ConfigureAwait(false);
        return new HandOffCompleted(shardId);
    }

    private void OnShardFailed(ShardFailed failed)
    {
        LogShardFailed(Log, Options.NodeId, failed.ShardId, failed.EntityId);
        if (_shards.TryGetValue(failed.ShardId, out ActiveShard? shard) && shard.Generation == failed.Generation)
        {
            HandOff(failed.ShardId);
        }
    }

    private void OnHandOffCompleted(HandOffCompleted completed)
    {
        if (_leaveRequester is not null && _shards.Count == 0)
        {
            LogLeft(Log, Options.NodeId);
            _leaveRequester.Tell(new Status.Success(null));
            Context.Stop(Self);
        }
    }

    private void BeginLeave()
    {
        _leaveRequester = Sender;
        _transport.PublishHeartbeat(OwnHeartbeat());
        if (_shards.Count == 0)
        {
            Self.Tell(new HandOffCompleted(-1));
            return;
        }

        foreach (int shardId in _shards.Keys.ToList())
        {
            HandOff(shardId);
        }
    }

    private Heartbeat OwnHeartbeat() => new(
        Options.NodeId,
        _settings.EntityProps is not null,
        _leaveRequester is not null,
        _shards.Where(s => !s.Value.HandingOff).ToDictionary(s => s.Key, s => s.Value.EntityCount));

    private void ReplyRegionState()
    {
        IActorRef requester = Sender;
        TimeSpan timeout = TimeSpan.FromSeconds(5);
        Task<ShardState>[] states = [.. _shards.Values.Select(s => s.Actor.Ask<ShardState>(GetShardState.Instance, timeout))];
        Collect(states).PipeTo(requester);

        static async Task<CurrentShardRegionState> Collect(Task<ShardState>[] states)
        {
            var collected = new List<ShardState>(states.Length);
            foreach (Task<ShardState> state in states)
            {
                try
                {
                    collected.Add(await state.ConfigureAwait(false));
                }
                catch (AskTimeoutException)
                {
                    // The shard stopped meanwhile (handed off): it is not active here any more.
                }
            }

            return new CurrentShardRegionState([.. collected.OrderBy(s => int.Parse(s.ShardId, CultureInfo.InvariantCulture))]);
        }
    }

    private ClusterShardingStats ClusterStats()
    {
        var regions = new Dictionary<string, ShardRegionStats>(StringComparer.Ordinal);
        foreach (Heartbeat heartbeat in _members.Live.Where(h => h.NodeId != Options.NodeId).Append(OwnHeartbeat()))
        {
            regions[heartbeat.NodeId] = new ShardRegionStats(heartbeat.Shards.ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value, StringComparer.Ordinal));
        }

        return new ClusterShardingStats(regions);
    }
}
