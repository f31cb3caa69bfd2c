namespace WasGo.Cluster;

/// <summary>
/// How many shards a node may keep: the shard count divided by the live hosts, rounded up. A node
/// above it hands shards off; none is ever taken by force, the broker gives a released shard to the
/// next consumer in its line.
/// </summary>
internal static class FairShare
{
    public static int Of(int shardCount, int liveHosts) => liveHosts <= 1 ? shardCount : (shardCount + liveHosts - 1) / liveHosts;

    /// <summary>Picks which active shards to release so that <paramref name="active"/> comes down to the fair share.</summary>
    /// <returns>The shards to hand off: those with the fewest entities first, since they are cheapest to move.</returns>
    public static IReadOnlyList<int> ToHandOff(IReadOnlyDictionary<int, int> active, int shardCount, int liveHosts)
    {
        int excess = active.Count - Of(shardCount, liveHosts);
        return excess <= 0 ? [] : [.. active.OrderBy(s => s.Value).ThenByDescending(s => s.Key).Take(excess).Select(s => s.Key)];
    }
}
