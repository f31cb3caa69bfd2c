using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using WasGo.Cluster;
using WasGo.Host.Http.Worlds;
using WasGo.Host.Worlds;

namespace WasGo.Host.Cluster;

/// <summary>
/// Which node runs which shards of the worlds, as Akka.Cluster.Sharding's statistics answer it:
/// every node with the shards it hosts, the worlds in them (counted, and named), and those worlds' entities, each node
/// named by its role (<see cref="NodeRoles"/>) and with its membership state. A single node hosts
/// every shard.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ShardMap(ActorSystem system, WorldSharding node, WorldDirectory worlds, WorldCalls calls)
{
    /// <summary>Reads the current map.</summary>
    public async Task<ShardMapSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        ClusterShardingStats stats = await node.StatsAsync(cancellationToken).ConfigureAwait(false);
        await worlds.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var cluster = Akka.Cluster.Cluster.Get(system);
        Dictionary<Address, Member> members = cluster.State.Members.ToDictionary(m => m.Address);
        var hostOfShard = new Dictionary<string, Address>(StringComparer.Ordinal);
        foreach ((Address address, ShardRegionStats region) in stats.Regions)
        {
            foreach (string shard in region.Stats.Keys)
            {
                hostOfShard[shard] = address;
            }
        }

        var entities = new Dictionary<Address, int>();
        var worldIds = new Dictionary<Address, List<string>>();
        var extractor = new WorldMessageExtractor(node.ShardCount);
        foreach (HostedWorld world in worlds.All)
        {
            if (hostOfShard.TryGetValue(extractor.ShardId(world.Id), out Address? host))
            {
                int count = (await calls.StatusAsync(world, cancellationToken).ConfigureAwait(false)).Entities.Count;
                entities[host] = entities.GetValueOrDefault(host) + count;
                (worldIds.TryGetValue(host, out List<string>? ids) ? ids : worldIds[host] = []).Add(world.Id);
            }
        }

        NodeShards[] nodes = [.. members.Values
            .Where(m => m.HasRole(NodeRoles.Worlds))
            .Select(m => (Member: m, Region: stats.Regions.GetValueOrDefault(m.Address)))
            .Select(n => new NodeShards(
                NodeRoles.NameOf(n.Member),
                n.Member.Address.ToString(),
                n.Member.Status.ToString(),
                n.Member.Address.Equals(cluster.SelfAddress),
                n.Region?.Stats.Count ?? 0,
                n.Region?.Stats.Values.Sum() ?? 0,
                entities.GetValueOrDefault(n.Member.Address),
                [.. worldIds.GetValueOrDefault(n.Member.Address, []).Order(StringComparer.Ordinal)]))
            .OrderBy(n => n.Node, StringComparer.Ordinal)];
        return new ShardMapSnapshot(node.ShardCount, nodes);
    }
}
