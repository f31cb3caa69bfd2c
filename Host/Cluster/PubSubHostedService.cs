using Akka.Actor;
using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
using WasGo.Cluster;
using WasGo.Host.Hosting;
using WasGo.Persistence;
using WasGo.Scripting;

namespace WasGo.Host.Cluster;

/// <summary>
/// The host's publish-subscribe: over RabbitMQ on a cluster node, so that a world's ticks reach the
/// feeds of every node, and in process on a single node. Started after the actor system.
/// </summary>
internal sealed partial class PubSubHostedService(IOptions<ClusterOptions> cluster, ActorSystem system, ILogger<PubSubHostedService> logger) : IHostedService
{
    private DistributedPubSub? _pubSub;

    /// <summary>Gets the mediator.</summary>
    public Akka.Actor.IActorRef Mediator => (_pubSub ?? throw new InvalidOperationException("Pub-sub starts with the host.")).Mediator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ClusterOptions settings = cluster.Value;
        if (!settings.Enabled)
        {
            _pubSub = DistributedPubSub.InProcess(system);
            return;
        }

        _pubSub = await DistributedPubSub.ConnectAsync(
            system,
            new DistributedPubSubOptions { Uri = settings.RabbitMq!, ExchangePrefix = settings.QueuePrefix, NodeId = settings.NodeName },
            new PersistenceSerializer().RegisterWorldMessages(),
            cancellationToken).ConfigureAwait(false);
        LogConnected(logger, settings.QueuePrefix);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_pubSub is { } pubSub)
        {
            await pubSub.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 8034, Level = LogLevel.Information, Message = "Cluster: world ticks go to every node's feeds through {Prefix}.pubsub")]
    private static partial void LogConnected(ILogger logger, string prefix);
}
