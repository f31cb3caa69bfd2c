using System.Collections.Immutable;
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
/// named by its role (<see cref="NodeRoles"/>) and with its membership state and whether this node reaches it. A single node hosts
/// every shard.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ShardMap(ActorSystem system, WorldSharding node, WorldDirectory worlds, WorldCalls calls)
{
    private ClusterShardingStats? _lastStats;

    /// <summary>Reads the current map.</summary>
    public async Task<ShardMapSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        ClusterShardingStats stats;
        bool stale = false;
        try
        {
            stats = await node.StatsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastStats, stats);
        }
        catch (AskTimeoutException)
        {
            // The coordinator is away: the membership is still worth showing, with the shards as last read.
            stats = Volatile.Read(ref _lastStats) ?? new ClusterShardingStats(ImmutableDictionary<Address, ShardRegionStats>.Empty);
            stale = true;
        }

        await worlds.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var cluster = Akka.Cluster.Cluster.Get(system);
        ClusterEvent.CurrentClusterState membership = cluster.State; // one snapshot: members and reachability agree
        var hostOfShard = new Dictionary<string, Address>(StringComparer.Ordinal);
        var extractor = new WorldMessageExtractor(node.ShardCount);
        foreach ((Address address, ShardRegionStats region) in stats.Regions)
        {
            foreach (string shard in region.Stats.Keys)
            {
                hostOfShard[shard] = address;
            }
        }

        // Each world is described within a second, all at once: a world on a frozen node shows what was
        // last known of it instead of holding the map up, which is when an operator needs the map most.
        HostedWorld[] hosted = [.. worlds.All.Where(w => hostOfShard.ContainsKey(extractor.ShardId(w.Id)))];
        WorldResponse[] described = await Task.WhenAll(hosted.Select(w => calls.DescribeAsync(w, cancellationToken))).ConfigureAwait(false);
        var entities = new Dictionary<Address, int>();
        var worldIds = new Dictionary<Address, List<string>>();
        for (int i = 0; i < hosted.Length; i++)
        {
            Address host = hostOfShard[extractor.ShardId(hosted[i].Id)];
            entities[host] = entities.GetValueOrDefault(host) + (described[i].EntityCount ?? 0);
            (worldIds.TryGetValue(host, out List<string>? ids) ? ids : worldIds[host] = []).Add(hosted[i].Id);
        }

        NodeShards[] nodes = [.. membership.Members
            .Where(m => m.HasRole(NodeRoles.Worlds))
            .Select(m => (Member: m, Region: stats.Regions.GetValueOrDefault(m.Address)))
            .Select(n => new NodeShards(
                NodeRoles.NameOf(n.Member),
                n.Member.Address.ToString(),
                n.Member.Status.ToString(),
                !membership.Unreachable.Contains(n.Member),
                n.Member.Address.Equals(cluster.SelfAddress),
                n.Region?.Stats.Count ?? 0,
                n.Region?.Stats.Values.Sum() ?? 0,
                entities.GetValueOrDefault(n.Member.Address),
                [.. worldIds.GetValueOrDefault(n.Member.Address, []).Order(StringComparer.Ordinal)]))
            .OrderBy(n => n.Node, StringComparer.Ordinal)];
        return new ShardMapSnapshot(node.ShardCount, nodes, stale);
    }
}
