using Microsoft.Extensions.Logging;

namespace WasGo.Cluster;

/// <summary>
/// Chooses how a node's shard regions talk to each other: <see cref="InProcess"/> for a single-node
/// host, <see cref="RabbitMq"/> for a cluster. Code and entities are the same with either.
/// </summary>
public abstract class ShardTransportFactory
{
    private protected ShardTransportFactory()
    {
    }

    /// <summary>Gets a transport for one process that owns every shard: messages never leave memory.</summary>
    /// <returns>The factory.</returns>
    public static ShardTransportFactory InProcess() => new InProcessTransportFactory();

    /// <summary>Gets a transport over RabbitMQ: one quorum queue per shard, consumed with single-active-consumer by every node.</summary>
    /// <param name="options">Where the broker is and how to use it.</param>
    /// <returns>The factory.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static ShardTransportFactory RabbitMq(RabbitMqTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        return errors.Count == 0 ? new RabbitMqTransportFactory(options) : throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
    }

    internal abstract IShardTransport Create(string typeName, ClusterShardingOptions options, bool hostsShards, ILoggerFactory loggerFactory);
}
