namespace WasGo.Cluster;

/// <summary>What a transport tells its region.</summary>
internal abstract record TransportEvent;

/// <summary>This node became the active consumer of a shard (learned from its first delivery or probe).</summary>
internal sealed record ShardActivated(int ShardId, long Generation) : TransportEvent;

/// <summary>Envelopes for an active shard; <paramref name="Batch"/> acknowledges them once each is done.</summary>
internal sealed record ShardDeliveries(int ShardId, long Generation, IReadOnlyList<WireEnvelope> Envelopes, DeliveryBatch Batch) : TransportEvent;

/// <summary>The connection to the broker dropped: no shard is active here any more.</summary>
internal sealed record ShardsLost : TransportEvent
{
    public static ShardsLost Instance { get; } = new();
}

/// <summary>Replies for senders on this node.</summary>
internal sealed record RepliesReceived(IReadOnlyList<WireReply> Replies) : TransportEvent;

/// <summary>A heartbeat from a node (this one included).</summary>
internal sealed record HeartbeatReceived(Heartbeat Heartbeat) : TransportEvent;
