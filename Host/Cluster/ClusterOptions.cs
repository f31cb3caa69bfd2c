using WasGo.Cluster;

namespace WasGo.Host.Cluster;

/// <summary>How a node joins a cluster (<c>WasGo:Cluster</c>): the broker that carries messages and the database that holds state.</summary>
internal sealed class ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WasGo:Cluster";

    /// <summary>Gets or sets whether this host is a cluster node (<c>wasgo run --cluster</c> sets it) rather than a single-node host.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets RabbitMQ's address, <c>amqp://user:password@host:5672/vhost</c>.</summary>
    public string? RabbitMq { get; set; }

    /// <summary>Gets or sets PostgreSQL's connection string (Npgsql's form).</summary>
    public string? PostgreSql { get; set; }

    /// <summary>Gets or sets this node's name in the shard map, unique among live nodes. Default: the machine's name and the process id.</summary>
    public string NodeName { get; set; } = Environment.MachineName + "-" + Environment.ProcessId;

    /// <summary>Gets or sets the prefix of the cluster's queues and exchanges: clusters sharing a broker need different ones.</summary>
    public string QueuePrefix { get; set; } = "wasgo";

    /// <summary>Gets or sets how many shards worlds are spread over; the same on every node for the life of the cluster (a single node owns them all).</summary>
    public int ShardCount { get; set; } = ClusterShardingOptions.DefaultShardCount;

    /// <summary>Lists what is missing or malformed, naming the setting and how to set it; a single-node host only uses the shard count.</summary>
    /// <param name="adminToken">The configured admin token: every node of a cluster must accept the same one.</param>
    public IEnumerable<string> Validate(string? adminToken)
    {
        if (ShardCount is < 1 or > ClusterShardingOptions.MaxShardCount)
        {
            yield return $"{Section}:ShardCount is {ShardCount}; it must be 1 to {ClusterShardingOptions.MaxShardCount}, the same on every node.";
        }

        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(RabbitMq))
        {
            yield return $"{Section}:RabbitMq is not set; give the broker's address as --{Section}:RabbitMq=amqp://user:password@host:5672/ or WasGo__Cluster__RabbitMq.";
        }
        else if (!Uri.TryCreate(RabbitMq, UriKind.Absolute, out Uri? broker) || broker.Scheme is not ("amqp" or "amqps"))
        {
            yield return $"{Section}:RabbitMq is not an amqp:// or amqps:// address; it must look like amqp://user:password@host:5672/.";
        }

        if (string.IsNullOrWhiteSpace(PostgreSql))
        {
            yield return $"{Section}:PostgreSql is not set; give a connection string as --{Section}:PostgreSql=\"Host=…;Username=…;Password=…;Database=…\" or WasGo__Cluster__PostgreSql.";
        }

        if (string.IsNullOrWhiteSpace(NodeName))
        {
            yield return $"{Section}:NodeName is empty; leave it out for the machine's name and process id, or give one.";
        }

        if (string.IsNullOrEmpty(QueuePrefix) || !QueuePrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return $"{Section}:QueuePrefix '{QueuePrefix}' must be ASCII letters, digits, '-', '_' or '.': it names queues.";
        }

        if (string.IsNullOrEmpty(adminToken))
        {
            yield return "WasGo:Auth:AdminToken is not set; a cluster node does not generate one, since every node must accept the same token. Set it on every node (WasGo__Auth__AdminToken).";
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ClusterOptions {{ Enabled = {Enabled}, RabbitMq = [redacted], PostgreSql = [redacted], NodeName = {NodeName}, QueuePrefix = {QueuePrefix}, ShardCount = {ShardCount} }}";
}
