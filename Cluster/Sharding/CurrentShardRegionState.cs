namespace WasGo.Cluster;

/// <summary>The shards active in one region, in shard order.</summary>
/// <param name="Shards">Each shard with its running entities.</param>
public sealed record CurrentShardRegionState(IReadOnlyList<ShardState> Shards);
