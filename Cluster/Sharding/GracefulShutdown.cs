namespace WasGo.Cluster;

/// <summary>
/// Tells a region to leave the cluster (Akka's <c>ShardRegion.GracefulShutdown</c>): it hands off every
/// shard after finishing and acknowledging what it holds, then stops; watch it to know when it is gone.
/// </summary>
public sealed record GracefulShutdown
{
    /// <summary>Gets the one instance.</summary>
    public static GracefulShutdown Instance { get; } = new();
}
