namespace WasGo.Cluster;

/// <summary>
/// The nodes heard from lately, from their heartbeats. Liveness here only sizes each node's fair
/// share and fills the shard-state query: who may process a shard is decided by the broker's
/// single-active-consumer, never by this table.
/// </summary>
/// <remarks>Used by one region actor; not thread-safe.</remarks>
internal sealed class MemberTable(TimeSpan timeout)
{
    private readonly Dictionary<string, (Heartbeat Heartbeat, long At)> _members = new(StringComparer.Ordinal);

    public void Heard(Heartbeat heartbeat, long now) => _members[heartbeat.NodeId] = (heartbeat, now);

    /// <summary>Drops nodes not heard from within the timeout.</summary>
    public void Expire(long now, TimeProvider clock)
    {
        foreach (string nodeId in _members.Where(m => clock.GetElapsedTime(m.Value.At, now) > timeout).Select(m => m.Key).ToList())
        {
            _members.Remove(nodeId);
        }
    }

    public IEnumerable<Heartbeat> Live => _members.Values.Select(m => m.Heartbeat);

    /// <summary>Gets how many live nodes share the shards: hosts that are not leaving.</summary>
    public int ShardHosts => _members.Values.Count(m => m.Heartbeat.HostsShards && !m.Heartbeat.Leaving);

    /// <summary>Gets whether some live node other than <paramref name="self"/> reports <paramref name="shardId"/> active.</summary>
    public bool IsClaimedElsewhere(int shardId, string self) =>
        _members.Values.Any(m => m.Heartbeat.NodeId != self && m.Heartbeat.Shards.ContainsKey(shardId));
}
