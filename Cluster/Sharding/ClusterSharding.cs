using Akka.Actor;
using Microsoft.Extensions.Logging;
using WasGo.Actors.Logging;
using WasGo.Persistence;

namespace WasGo.Cluster;

/// <summary>
/// Sharding for one node (Akka's <c>ClusterSharding</c> extension): starts a region per entity type,
/// or a proxy on nodes that host none, over the transport it was given.
/// </summary>
/// <remarks>
/// Thread-safe. Entities reply to every message they are sent: the reply is what acknowledges a
/// message taken from a shard queue, so an entity replies after its effect is persisted
/// (<see cref="DurableEntityActor{TState}"/> does that, and makes redelivered messages take effect once).
/// An entity that throws is restarted (the default supervision) and the message it failed on stays
/// unanswered until its shard moves; answer such messages with a <see cref="Status.Failure"/> instead.
/// </remarks>
public sealed class ClusterSharding : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly ClusterShardingOptions _options;
    private readonly ShardTransportFactory _transports;
    private readonly PersistenceSerializer _serializer;
    private readonly IDurableStateStore? _stateStore;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, (IActorRef Region, IShardTransport Transport)> _regions = new(StringComparer.Ordinal);

    /// <summary>Initializes sharding for a node.</summary>
    /// <param name="system">The actor system the regions and entities run in.</param>
    /// <param name="options">The node's sharding options.</param>
    /// <param name="transports">How regions talk: <see cref="ShardTransportFactory.InProcess"/> or <see cref="ShardTransportFactory.RabbitMq"/>.</param>
    /// <param name="serializer">Serializes every message and reply that crosses between nodes; register their types on it.</param>
    /// <param name="stateStore">Where remembered entities are kept; required when <see cref="ClusterShardingOptions.RememberEntities"/> is on.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public ClusterSharding(ActorSystem system, ClusterShardingOptions options, ShardTransportFactory transports, PersistenceSerializer serializer, IDurableStateStore? stateStore = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transports);
        ArgumentNullException.ThrowIfNull(serializer);
        options.ThrowIfInvalid();
        if (options.RememberEntities && stateStore is null)
        {
            throw new ArgumentException("Cluster:RememberEntities is on but no durable state store was given; pass the cluster's IDurableStateStore (PostgreSQL) to keep the remembered entities.", nameof(stateStore));
        }

        _system = system;
        _options = options;
        _transports = transports;
        _serializer = serializer;
        _stateStore = stateStore;
    }

    /// <summary>Gets the node's sharding options.</summary>
    public ClusterShardingOptions Options => _options;

    /// <summary>
    /// Starts the region of an entity type on this node: it takes its share of the type's shards and
    /// runs their entities. Every node of the type must use the same extractor and shard count.
    /// </summary>
    /// <param name="typeName">The entity type's name (letters, digits, '-', '_', '.').</param>
    /// <param name="entityProps">Makes an entity from its id.</param>
    /// <param name="messageExtractor">Finds entity and shard ids in messages.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The region: send it messages for any entity of the type.</returns>
    /// <exception cref="ArgumentException"><paramref name="typeName"/> is malformed or started already.</exception>
    /// <exception cref="InvalidOperationException">The transport cannot connect; the message says where it tried.</exception>
    public Task<IActorRef> StartAsync(string typeName, Func<string, Props> entityProps, IMessageExtractor messageExtractor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityProps);
        return StartRegionAsync(typeName, entityProps, messageExtractor, cancellationToken);
    }

    /// <summary>Starts the region of an entity type whose entities all come from one <paramref name="entityProps"/>; an entity finds its id in its own name.</summary>
    /// <param name="typeName">The entity type's name.</param>
    /// <param name="entityProps">Makes every entity.</param>
    /// <param name="messageExtractor">Finds entity and shard ids in messages.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The region.</returns>
    /// <exception cref="ArgumentException"><paramref name="typeName"/> is malformed or started already.</exception>
    /// <exception cref="InvalidOperationException">The transport cannot connect.</exception>
    public Task<IActorRef> StartAsync(string typeName, Props entityProps, IMessageExtractor messageExtractor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityProps);
        return StartRegionAsync(typeName, _ => entityProps, messageExtractor, cancellationToken);
    }

    /// <summary>Starts a proxy of an entity type: it hosts no shards and sends every message through the shard queues.</summary>
    /// <param name="typeName">The entity type's name.</param>
    /// <param name="messageExtractor">Finds entity and shard ids in messages.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The proxy.</returns>
    /// <exception cref="ArgumentException"><paramref name="typeName"/> is malformed or started already.</exception>
    /// <exception cref="InvalidOperationException">The transport cannot connect.</exception>
    public Task<IActorRef> StartProxyAsync(string typeName, IMessageExtractor messageExtractor, CancellationToken cancellationToken = default) =>
        StartRegionAsync(typeName, null, messageExtractor, cancellationToken);

    /// <summary>Gets the region (or proxy) started for <paramref name="typeName"/>.</summary>
    /// <param name="typeName">The entity type's name.</param>
    /// <returns>The region.</returns>
    /// <exception cref="ArgumentException">No region was started for it.</exception>
    public IActorRef ShardRegion(string typeName)
    {
        lock (_sync)
        {
            return _regions.TryGetValue(typeName, out var region)
                ? region.Region
                : throw new ArgumentException($"No shard region was started for '{typeName}'; call StartAsync or StartProxyAsync first.", nameof(typeName));
        }
    }

    /// <summary>
    /// Leaves the cluster gracefully: every region hands off its shards after finishing and
    /// acknowledging what it holds, so nothing is lost and the next nodes take over at once.
    /// </summary>
    /// <param name="timeout">How long to wait for the hand-offs.</param>
    /// <returns>A task that completes when every region has left.</returns>
    public async Task LeaveAsync(TimeSpan timeout)
    {
        List<IActorRef> regions;
        lock (_sync)
        {
            regions = [.. _regions.Values.Select(r => r.Region)];
        }

        await Task.WhenAll(regions.Select(r => r.Ask<Status.Success>(GracefulShutdown.Instance, timeout))).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops every region and closes its transport: this node's shards go to the next nodes in line,
    /// with their unacknowledged messages, and nothing here delivers to them any more.
    /// </summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        List<(IActorRef Region, IShardTransport Transport)> regions;
        lock (_sync)
        {
            regions = [.. _regions.Values];
            _regions.Clear();
        }

        foreach ((IActorRef region, IShardTransport transport) in regions)
        {
            _system.Stop(region);
            await transport.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IActorRef> StartRegionAsync(string typeName, Func<string, Props>? entityProps, IMessageExtractor messageExtractor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageExtractor);
        if (string.IsNullOrEmpty(typeName) || typeName.Length > 100 || !typeName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"The entity type name '{typeName}' must be 1 to 100 ASCII letters, digits, '-', '_' or '.': it names queues.", nameof(typeName));
        }

        IShardTransport transport = _transports.Create(typeName, _options, entityProps is not null, _system.LoggerFactory());
        var settings = new RegionSettings(typeName, entityProps, messageExtractor, _options, _serializer, _stateStore);
        IActorRef region;
        lock (_sync)
        {
            if (_regions.ContainsKey(typeName))
            {
                throw new ArgumentException($"A shard region for '{typeName}' was started already on this node; use ShardRegion(\"{typeName}\").", nameof(typeName));
            }

            region = _system.ActorOf(Props.Create(() => new ShardRegion(settings, transport)), "sharding-" + typeName);
            _regions.Add(typeName, (region, transport));
        }

        try
        {
            await transport.StartAsync(region, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_sync)
            {
                _regions.Remove(typeName);
            }

            _system.Stop(region);
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return region;
    }
}
