namespace WasGo.Host.Cluster;

/// <summary>The shard map at one moment.</summary>
/// <param name="ShardCount">The fixed number of shards entity ids hash into.</param>
/// <param name="Nodes">Each live node and what it owns.</param>
internal sealed record ShardMapSnapshot(int ShardCount, IReadOnlyList<NodeShards> Nodes);
