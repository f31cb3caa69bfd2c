namespace WasGo.Cluster;

/// <summary>Something waiting to be published; envelopes and replies to one queue are batched together.</summary>
internal abstract record Outgoing
{
    /// <summary>An envelope for a shard's queue.</summary>
    public sealed record ToShard(int ShardId, WireEnvelope Envelope) : Outgoing;

    /// <summary>A reply for a node's queue.</summary>
    public sealed record ToNode(string NodeId, WireReply Reply) : Outgoing;

    /// <summary>A message sent alone: a heartbeat or a probe. Not retried: a newer one follows.</summary>
    public sealed record Single(string Exchange, string RoutingKey, string Type, byte[] Body) : Outgoing;
}
