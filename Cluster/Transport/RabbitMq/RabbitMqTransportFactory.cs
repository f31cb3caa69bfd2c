using Microsoft.Extensions.Logging;

namespace WasGo.Cluster;

/// <summary>Makes <see cref="RabbitMqTransport"/>s.</summary>
internal sealed class RabbitMqTransportFactory(RabbitMqTransportOptions options) : ShardTransportFactory
{
    internal override IShardTransport Create(string typeName, ClusterShardingOptions sharding, bool hostsShards, ILoggerFactory loggerFactory) =>
        new RabbitMqTransport(options, sharding, typeName, hostsShards, loggerFactory.CreateLogger<RabbitMqTransport>());
}
