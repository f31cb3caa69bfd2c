namespace WasGo.Cluster;

/// <summary>What a node tells every other node of its entity type, several times a second.</summary>
/// <param name="NodeId">Who is alive.</param>
/// <param name="HostsShards">Whether it hosts shards (a proxy does not, and takes no share).</param>
/// <param name="Leaving">Whether it is handing off everything to leave.</param>
/// <param name="Shards">The shards active on it, each with its running entity count.</param>
internal sealed record Heartbeat(string NodeId, bool HostsShards, bool Leaving, Dictionary<int, int> Shards);
