namespace WasGo.Cluster;

/// <summary>How a node takes part in cluster-wide publish-subscribe over RabbitMQ.</summary>
public sealed class DistributedPubSubOptions
{
    /// <summary>Gets or sets RabbitMQ's address, <c>amqp://user:password@host:5672/vhost</c>.</summary>
    public string Uri { get; set; } = string.Empty;

    /// <summary>Gets or sets the prefix of the exchange: nodes that share one see each other's messages.</summary>
    public string ExchangePrefix { get; set; } = "wasgo";

    /// <summary>Gets or sets the name the node gives its connection (seen in the broker's management tools).</summary>
    public string NodeId { get; set; } = Environment.MachineName + "-" + Environment.ProcessId;

    /// <summary>Gets or sets how many messages may wait to be published while the broker is slow or away; beyond it the oldest are dropped.</summary>
    public int MaxPendingPublishes { get; set; } = 10_000;

    /// <summary>Checks every setting.</summary>
    /// <returns>One message per bad setting; empty when all are good.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out Uri? broker) || broker.Scheme is not ("amqp" or "amqps"))
        {
            errors.Add($"DistributedPubSub:Uri must be an amqp:// or amqps:// address; it is '{(string.IsNullOrEmpty(Uri) ? "(empty)" : "[redacted]")}'.");
        }

        if (string.IsNullOrEmpty(ExchangePrefix) || !ExchangePrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add($"DistributedPubSub:ExchangePrefix '{ExchangePrefix}' must be ASCII letters, digits, '-', '_' or '.'.");
        }

        if (MaxPendingPublishes < 1)
        {
            errors.Add($"DistributedPubSub:MaxPendingPublishes is {MaxPendingPublishes}; it must be at least 1.");
        }

        return errors;
    }
}
