namespace WasGo.Cluster;

/// <summary>Where the RabbitMQ broker is and how shard queues are used.</summary>
public sealed class RabbitMqTransportOptions
{
    /// <summary>The largest prefetch: above it the client holds acknowledgements back and a channel close drops them (see RABBITMQ.md).</summary>
    public const int MaxPrefetch = 30;

    /// <summary>Gets or sets the broker's AMQP URI, e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>. It holds a password: never log it.</summary>
    public string Uri { get; set; } = string.Empty;

    /// <summary>Gets or sets the prefix of every queue and exchange name, so that several clusters can share a broker.</summary>
    public string QueuePrefix { get; set; } = "wasgo";

    /// <summary>Gets or sets how many unacknowledged broker messages a node holds per shard.</summary>
    public ushort Prefetch { get; set; } = 20;

    /// <summary>Gets or sets how many envelopes at most ride in one broker message.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// Gets or sets the AMQP heartbeat: a frozen or cut-off node loses its connection, and with it its
    /// shards, after about twice this.
    /// </summary>
    public TimeSpan ConnectionHeartbeat { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how long to wait between attempts to reconnect to the broker.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Checks every setting.</summary>
    /// <returns>One message per bad setting, naming it, its value and what is allowed; empty when all are good.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            // The value is not echoed: it may hold a password.
            errors.Add("RabbitMq:Uri is not an absolute amqp:// or amqps:// URI; set it to the broker's address, e.g. amqp://user:password@host:5672/.");
        }

        if (string.IsNullOrWhiteSpace(QueuePrefix) || QueuePrefix.Length > 100)
        {
            errors.Add($"RabbitMq:QueuePrefix is '{QueuePrefix}'; it must be 1 to 100 characters.");
        }

        if (Prefetch is < 1 or > MaxPrefetch)
        {
            errors.Add($"RabbitMq:Prefetch is {Prefetch}; it must be between 1 and {MaxPrefetch}.");
        }

        if (MaxBatchSize is < 1 or > 10_000)
        {
            errors.Add($"RabbitMq:MaxBatchSize is {MaxBatchSize}; it must be between 1 and 10000.");
        }

        if (ConnectionHeartbeat < TimeSpan.FromSeconds(1))
        {
            errors.Add($"RabbitMq:ConnectionHeartbeat is {ConnectionHeartbeat}; it must be at least 1 second (AMQP counts whole seconds).");
        }

        if (ReconnectDelay <= TimeSpan.Zero)
        {
            errors.Add($"RabbitMq:ReconnectDelay is {ReconnectDelay}; it must be positive.");
        }

        return errors;
    }
}
