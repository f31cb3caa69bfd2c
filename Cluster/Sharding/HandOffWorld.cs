namespace WasGo.Cluster;

/// <summary>Told to a world's entity when its shard leaves this node: it records the tick it reached, then stops.</summary>
public sealed class HandOffWorld
{
    /// <summary>Gets the one instance.</summary>
    public static HandOffWorld Instance { get; } = new();
}
