using Akka.Actor;

namespace WasGo.Cluster;

/// <summary>
/// The single-node transport: the node owns every shard from the start, so the region delivers
/// every message in memory and nothing crosses a wire. Heartbeats and replies loop back.
/// </summary>
internal sealed class InProcessTransport(ClusterShardingOptions options, bool hostsShards) : IShardTransport
{
    private IActorRef? _region;

    public Task StartAsync(IActorRef region, CancellationToken cancellationToken)
    {
        _region = region;
        if (hostsShards)
        {
            for (int shard = 0; shard < options.ShardCount; shard++)
            {
                region.Tell(new ShardActivated(shard, 0));
            }
        }

        return Task.CompletedTask;
    }

    public void Send(int shardId, WireEnvelope envelope) =>
        Region.Tell(new ShardDeliveries(shardId, 0, [envelope], DeliveryBatch.None));

    public void Reply(string nodeId, WireReply reply) => Region.Tell(new RepliesReceived([reply]));

    public void PublishHeartbeat(Heartbeat heartbeat) => Region.Tell(new HeartbeatReceived(heartbeat));

    public void Probe(int shardId)
    {
        // Every shard is active here from the start: there is nobody else to learn from.
    }

    public Task HandOffAsync(int shardId, long generation, bool consumeAgain)
    {
        // With one node the shard has nowhere to go; consuming again makes it active here again.
        if (consumeAgain)
        {
            Region.Tell(new ShardActivated(shardId, generation + 1));
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IActorRef Region => _region ?? throw new InvalidOperationException("The in-process transport is used before StartAsync.");
}
