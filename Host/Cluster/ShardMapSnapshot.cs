namespace WasGo.Host.Cluster;

/// <summary>The shard map at one moment.</summary>
/// <param name="ShardCount">The fixed number of shards entity ids hash into.</param>
/// <param name="Nodes">Each live node and what it owns.</param>
internal sealed record ShardMapSnapshot(int ShardCount, IReadOnlyList<NodeShards> Nodes);

/// <summary>One node's part of the shard map.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Self">Whether it is the node that answered.</param>
/// <param name="Shards">How many shards it owns.</param>
/// <param name="Worlds">How many worlds it runs.</param>
/// <param name="Entities">How many entities they have.</param>
internal sealed record NodeShards(string Node, bool Self, int Shards, int Worlds, int Entities);
