using Akka.Actor;

namespace WasGo.Cluster;

/// <summary>
/// Carries one entity type's messages between nodes and tells its region what the node owns. The
/// region hears back through <see cref="TransportEvent"/> messages, so all its state stays in one actor.
/// </summary>
/// <remarks>Every method is thread-safe and returns without waiting for the network, except the tasks.</remarks>
internal interface IShardTransport : IAsyncDisposable
{
    /// <summary>Connects, and starts telling <paramref name="region"/> about shards, deliveries, replies and heartbeats.</summary>
    Task StartAsync(IActorRef region, CancellationToken cancellationToken);

    /// <summary>Sends an envelope through its shard's queue, to whichever node owns that shard.</summary>
    void Send(int shardId, WireEnvelope envelope);

    /// <summary>Sends a reply to the node whose sender waits for it.</summary>
    void Reply(string nodeId, WireReply reply);

    /// <summary>Tells every node of this entity type that this one is alive and what it owns.</summary>
    void PublishHeartbeat(Heartbeat heartbeat);

    /// <summary>Puts a probe in a shard's queue, so that its active owner learns it owns it even when no message flows.</summary>
    void Probe(int shardId);

    /// <summary>
    /// Gives up a shard after its acknowledgements: closes its channel (unacknowledged messages go back
    /// to the front of the queue, in order) and, if <paramref name="consumeAgain"/>, consumes again at
    /// the back of the line.
    /// </summary>
    Task HandOffAsync(int shardId, long generation, bool consumeAgain);
}
