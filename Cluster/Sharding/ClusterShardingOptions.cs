namespace WasGo.Cluster;

/// <summary>How a node takes part in sharding. Every node of a cluster must use the same <see cref="ShardCount"/>.</summary>
public sealed class ClusterShardingOptions
{
    /// <summary>The default shard count.</summary>
    public const int DefaultShardCount = 64;

    /// <summary>The largest shard count: one queue and one channel per shard on every node.</summary>
    public const int MaxShardCount = 1024;

    /// <summary>Gets or sets this node's id, unique among live nodes (a host name plus a process id does).</summary>
    public string NodeId { get; set; } = Environment.MachineName + "-" + Environment.ProcessId;

    /// <summary>Gets or sets how many shards entities are spread over; fixed for the life of the cluster.</summary>
    public int ShardCount { get; set; } = DefaultShardCount;

    /// <summary>Gets or sets how often a node tells the others it is alive and what it owns.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets how long a node stays counted as live after its last heartbeat.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Gets or sets how often a node checks its share of shards and hands one off when it holds more
    /// than its fair share (shards ÷ live nodes, rounded up).
    /// </summary>
    public TimeSpan RebalanceInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long a hand-off waits for the shard's entities to finish what they hold before it closes anyway.</summary>
    public TimeSpan HandOffTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets after how long without messages an entity is passivated, or <see langword="null"/> to keep entities running.</summary>
    public TimeSpan? PassivateIdleEntityAfter { get; set; }

    /// <summary>
    /// Gets or sets whether a shard remembers its entities (in the durable state store) and starts them
    /// again wherever the shard moves.
    /// </summary>
    public bool RememberEntities { get; set; }

    /// <summary>Gets or sets how long a reply is awaited for a message that went through the broker before its sender is forgotten.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks every setting.</summary>
    /// <returns>One message per bad setting, naming it, its value and what is allowed; empty when all are good.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(NodeId) || NodeId.Length > 200)
        {
            errors.Add($"Cluster:NodeId is '{NodeId}'; it must be 1 to 200 characters and unique among live nodes.");
        }

        if (ShardCount is < 1 or > MaxShardCount)
        {
            errors.Add($"Cluster:ShardCount is {ShardCount}; it must be between 1 and {MaxShardCount}.");
        }

        Positive(errors, nameof(HeartbeatInterval), HeartbeatInterval);
        Positive(errors, nameof(RebalanceInterval), RebalanceInterval);
        Positive(errors, nameof(HandOffTimeout), HandOffTimeout);
        Positive(errors, nameof(ReplyTimeout), ReplyTimeout);
        if (HeartbeatTimeout < HeartbeatInterval * 2)
        {
            errors.Add($"Cluster:HeartbeatTimeout is {HeartbeatTimeout}; it must be at least twice Cluster:HeartbeatInterval ({HeartbeatInterval}), or one late heartbeat drops a live node.");
        }

        if (PassivateIdleEntityAfter is { } idle && idle <= TimeSpan.Zero)
        {
            errors.Add($"Cluster:PassivateIdleEntityAfter is {idle}; it must be positive, or unset to keep entities running.");
        }

        return errors;
    }

    internal void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors));
        }
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Cluster:{name} is {value}; it must be positive.");
        }
    }
}
