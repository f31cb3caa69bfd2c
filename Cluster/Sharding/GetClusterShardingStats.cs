namespace WasGo.Cluster;

/// <summary>
/// Asks a region (or proxy) which node owns which shard and how many entities each has, across the
/// cluster; the reply is a <see cref="ClusterShardingStats"/>, built from the nodes' latest heartbeats.
/// </summary>
public sealed record GetClusterShardingStats
{
    /// <summary>Gets the one instance.</summary>
    public static GetClusterShardingStats Instance { get; } = new();
}
