namespace WasGo.Cluster;

/// <summary>The shards active on one node with their entity counts.</summary>
/// <param name="Stats">Per shard id, how many entities run.</param>
public sealed record ShardRegionStats(IReadOnlyDictionary<string, int> Stats);
