using Akka.Cluster.Sharding;

namespace WasGo.Cluster;

/// <summary>
/// Places worlds on shards: a stable hash of the world id (the same on every node and every run).
/// Messages reach a world in Akka's <see cref="ShardingEnvelope"/>, which Akka unwraps itself;
/// nothing else names a world, so this extractor finds no id in any other message.
/// </summary>
/// <param name="shardCount">How many shards the worlds are spread over; the same on every node for the life of the cluster.</param>
public sealed class WorldMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    /// <inheritdoc />
    public override string? EntityId(object message) => null;

    /// <inheritdoc />
    public override object EntityMessage(object message) => message;
}
