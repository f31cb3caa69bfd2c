using Microsoft.Extensions.Logging;

namespace WasGo.Cluster;

/// <summary>Makes <see cref="InProcessTransport"/>s.</summary>
internal sealed class InProcessTransportFactory : ShardTransportFactory
{
    internal override IShardTransport Create(string typeName, ClusterShardingOptions options, bool hostsShards, ILoggerFactory loggerFactory) =>
        new InProcessTransport(options, hostsShards);
}
