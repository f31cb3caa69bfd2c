namespace WasGo.Host.Cluster;

/// <summary>
/// Which node owns which shards of the entities, as Akka's shard-state query answers it. The
/// single-node host answers that it owns every shard; a cluster node answers from its membership.
/// </summary>
/// <remarks>Implementations are thread-safe.</remarks>
internal interface IShardMap
{
    /// <summary>Reads the current map.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The map.</returns>
    Task<ShardMapSnapshot> GetAsync(CancellationToken cancellationToken);

    /// <summary>Gets this node's name in the map.</summary>
    string NodeName { get; }

    /// <summary>Gets how many shards this node owns now (read by the metrics at every scrape, so cheap).</summary>
    int OwnedShards { get; }
}
