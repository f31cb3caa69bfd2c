using WasGo.Host.Http.Worlds;
using WasGo.Host.Worlds;

namespace WasGo.Host.Cluster;

/// <summary>The shard map of a single-node host: this node owns every shard, and so every world and entity.</summary>
internal sealed class SingleNodeShardMap(WorldDirectory worlds, WorldCalls calls) : IShardMap
{
    /// <summary>The shard count a cluster uses (DESIGN.md): shown so that a single node's map reads like a cluster's.</summary>
    public const int ShardCount = 256;

    public int OwnedShards => ShardCount;

    public string NodeName => Environment.MachineName;

    public async Task<ShardMapSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<HostedWorld> all = worlds.All;
        int[] entities = await Task.WhenAll(all.Select(async w => (await calls.StatusAsync(w, cancellationToken).ConfigureAwait(false)).Entities.Count)).ConfigureAwait(false);
        return new ShardMapSnapshot(ShardCount, [new NodeShards(NodeName, Self: true, ShardCount, all.Count, entities.Sum())]);
    }
}
