using Akka.Actor;
using Microsoft.Extensions.Logging;
using WasGo.Actors.Logging;
using WasGo.Persistence;

namespace WasGo.Cluster;

/// <summary>
/// Publish-subscribe across the nodes of a cluster (Akka's <c>DistributedPubSub</c> extension):
/// tell its <see cref="Mediator"/> a <see cref="Subscribe"/>, <see cref="Unsubscribe"/> or
/// <see cref="Publish"/>. Messages are live events, delivered at most once to the nodes listening
/// when they are published; a durable conversation belongs in a sharded entity instead.
/// </summary>
/// <remarks>One per actor system. Thread-safe.</remarks>
public sealed class DistributedPubSub : IAsyncDisposable
{
    /// <summary>The mediator's name under the user guardian.</summary>
    public const string MediatorName = "distributed-pubsub";

    private readonly ActorSystem _system;
    private readonly IPubSubWire? _wire;

    private DistributedPubSub(ActorSystem system, IActorRef mediator, IPubSubWire? wire)
    {
        _system = system;
        Mediator = mediator;
        _wire = wire;
    }

    /// <summary>Gets the mediator: send it <see cref="Publish"/>, <see cref="Subscribe"/> and <see cref="Unsubscribe"/>.</summary>
    public IActorRef Mediator { get; }

    /// <summary>Makes a single node's pub-sub: what is published reaches this node's subscribers only.</summary>
    /// <param name="system">The actor system.</param>
    /// <returns>The pub-sub.</returns>
    public static DistributedPubSub InProcess(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new DistributedPubSub(system, system.ActorOf(Props.Create(() => new PubSubMediator(null, new PersistenceSerializer())), MediatorName), null);
    }

    /// <summary>Connects this node's pub-sub to RabbitMQ: what is published reaches the subscribers on every node with the same exchange prefix.</summary>
    /// <param name="system">The actor system.</param>
    /// <param name="options">The broker and the exchange prefix.</param>
    /// <param name="serializer">Serializes what is published; register every published type on it.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The pub-sub, connected.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static async Task<DistributedPubSub> ConnectAsync(ActorSystem system, DistributedPubSubOptions options, PersistenceSerializer serializer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serializer);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        var wire = new RabbitMqPubSubWire(options, system.LoggerFactory().CreateLogger<DistributedPubSub>());
        IActorRef mediator = system.ActorOf(Props.Create(() => new PubSubMediator(wire, serializer)), MediatorName);
        try
        {
            await wire.ConnectAsync((topic, manifest, payload) => mediator.Tell(new PubSubDelivery(topic, manifest, payload)), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            system.Stop(mediator);
            await wire.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new DistributedPubSub(system, mediator, wire);
    }

    /// <summary>Stops the mediator and closes the connection.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        _system.Stop(Mediator);
        if (_wire is not null)
        {
            await _wire.DisposeAsync().ConfigureAwait(false);
        }
    }
}
