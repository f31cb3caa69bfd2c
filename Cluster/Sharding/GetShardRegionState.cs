namespace WasGo.Cluster;

/// <summary>Asks a region for the shards active on its node and their entities; the reply is a <see cref="CurrentShardRegionState"/>.</summary>
public sealed record GetShardRegionState
{
    /// <summary>Gets the one instance.</summary>
    public static GetShardRegionState Instance { get; } = new();
}
