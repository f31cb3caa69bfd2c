namespace WasGo.Host.Cluster;

/// <summary>One node's part of the shard map.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Address">Its Akka address (<c>akka.tcp://wasgo@host:port</c>).</param>
/// <param name="Status">Its membership status (Joining, Up, Leaving, Exiting, Down, …).</param>
/// <param name="Reachable">Whether the node that answered reaches it: a member that stopped answering heartbeats stays Up until the cluster downs it, and is unreachable meanwhile.</param>
/// <param name="Self">Whether it is the node that answered.</param>
/// <param name="Shards">How many shards it hosts.</param>
/// <param name="Worlds">How many worlds it runs.</param>
/// <param name="Entities">How many entities they have.</param>
/// <param name="WorldIds">The ids of the worlds it runs, in order.</param>
internal sealed record NodeShards(string Node, string Address, string Status, bool Reachable, bool Self, int Shards, int Worlds, int Entities, IReadOnlyList<string> WorldIds);
