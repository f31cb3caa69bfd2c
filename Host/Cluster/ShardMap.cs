using System.Globalization;
using WasGo.Cluster;
using WasGo.Host.Http.Worlds;
using WasGo.Host.Worlds;

namespace WasGo.Host.Cluster;

/// <summary>
/// Which node owns which shards of the worlds, as Akka's shard-state query answers it: every live
/// node with the shards its heartbeat says it owns, the worlds in them, and those worlds' entities
/// (each world's shard says which node runs it). A single node owns every shard.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ShardMap(WorldSharding node, WorldDirectory worlds, WorldCalls calls)
{
    /// <summary>Reads the current map.</summary>
    public async Task<ShardMapSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        ClusterShardingStats stats = await node.StatsAsync(cancellationToken).ConfigureAwait(false);
        await worlds.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var ownerOfShard = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string nodeName, ShardRegionStats region) in stats.Regions)
        {
            foreach (string shard in region.Stats.Keys)
            {
                ownerOfShard[shard] = nodeName;
            }
        }

        var entities = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (HostedWorld world in worlds.All)
        {
            string shard = HashCodeMessageExtractor.ShardIdOf(world.Id, node.ShardCount).ToString(CultureInfo.InvariantCulture);
            if (ownerOfShard.TryGetValue(shard, out string? owner))
            {
                int count = (await calls.StatusAsync(world, cancellationToken).ConfigureAwait(false)).Entities.Count;
                entities[owner] = entities.GetValueOrDefault(owner) + count;
            }
        }

        NodeShards[] nodes = [.. stats.Regions
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new NodeShards(r.Key, r.Key == node.NodeName, r.Value.Stats.Count, r.Value.Stats.Values.Sum(), entities.GetValueOrDefault(r.Key)))];
        return new ShardMapSnapshot(node.ShardCount, nodes);
    }
}
