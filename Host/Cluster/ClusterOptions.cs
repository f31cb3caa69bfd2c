namespace WasGo.Host.Cluster;

/// <summary>How a node joins a cluster (<c>WasGo:Cluster</c>): the broker that carries messages and the database that holds state.</summary>
internal sealed class ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WasGo:Cluster";

    /// <summary>Gets or sets RabbitMQ's address, <c>amqp://user:password@host:5672/vhost</c>.</summary>
    public string? RabbitMq { get; set; }

    /// <summary>Gets or sets PostgreSQL's connection string (Npgsql's form).</summary>
    public string? PostgreSql { get; set; }

    /// <summary>Gets or sets this node's name in the shard map. Default: the machine's name.</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>Lists what is missing or malformed, naming the setting and how to set it.</summary>
    public IEnumerable<string> Validate()
    {
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
            yield return $"{Section}:NodeName is empty; leave it out for the machine's name or give one.";
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ClusterOptions {{ RabbitMq = [redacted], PostgreSql = [redacted], NodeName = {NodeName} }}";
}
