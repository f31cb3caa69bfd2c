namespace WasGo.Cluster;

/// <summary>The region's periodic work.</summary>
internal sealed record RegionTick(bool Heartbeat)
{
    /// <summary>Time to publish a heartbeat.</summary>
    public static RegionTick HeartbeatDue { get; } = new(true);

    /// <summary>Time to expire members, probe unowned shards, rebalance and forget stale waits.</summary>
    public static RegionTick RebalanceDue { get; } = new(false);
}
