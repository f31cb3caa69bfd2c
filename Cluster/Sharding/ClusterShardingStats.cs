namespace WasGo.Cluster;

/// <summary>The live nodes of one entity type and the shards active on each, as last heard.</summary>
/// <param name="Regions">Per node id, its shards; proxies appear with no shards.</param>
public sealed record ClusterShardingStats(IReadOnlyDictionary<string, ShardRegionStats> Regions);
