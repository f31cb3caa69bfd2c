namespace WasGo.Host.Cluster;

/// <summary>The shard map at one moment.</summary>
/// <param name="ShardCount">The fixed number of shards entity ids hash into.</param>
/// <param name="Nodes">Each live node and what it owns.</param>
/// <param name="Stale">
/// Whether the shards and worlds are those last read, because the sharding coordinator did not answer
/// now (its node died and it is moving); the members, their status and reachability are current.
/// </param>
internal sealed record ShardMapSnapshot(int ShardCount, IReadOnlyList<NodeShards> Nodes, bool Stale = false);
