using Akka.Actor;
using Akka.DependencyInjection;
using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
using WasGo.Cluster;
using WasGo.Host.Hosting;
using WasGo.Host.Worlds;
using WasGo.Persistence;
using WasGo.Scripting;

namespace WasGo.Host.Cluster;

/// <summary>
/// The worlds as sharded entities (type <see cref="WorldType"/>), remembered so that each starts
/// again wherever its shard goes. On a cluster node the region runs over RabbitMQ: this node runs
/// the worlds of the shards it owns, reaches the others through their queues, and hands its shards
/// off when the host stops. On a single node the same region runs in process and owns every shard.
/// </summary>
internal sealed partial class WorldSharding(
    IOptions<ClusterOptions> options,
    ActorSystem system,
    StorageHostedService storage,
    ILogger<WorldSharding> logger) : IHostedService, IDisposable
{
    /// <summary>The entity type name of worlds: it names their queues.</summary>
    public const string WorldType = "world";

    private static readonly TimeSpan s_askTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_countInterval = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private ClusterSharding? _sharding;
    private IActorRef? _worlds;
    private Task _counting = Task.CompletedTask;
    private int _ownedShards;

    /// <summary>Gets the shard region of the worlds: send it <see cref="ShardingEnvelope"/>s naming a world.</summary>
    public IActorRef Worlds => _worlds ?? throw new InvalidOperationException("The node joins the cluster when the host starts.");

    /// <summary>Gets the node's name in the shard map: the configured one on a cluster node, the machine's on a single node.</summary>
    public string NodeName => options.Value.Enabled ? options.Value.NodeName : Environment.MachineName;

    /// <summary>Gets how many shards this node owned at the last count (each second).</summary>
    public int OwnedShards => Volatile.Read(ref _ownedShards);

    /// <summary>Gets the fixed number of shards.</summary>
    public int ShardCount => options.Value.ShardCount;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ClusterOptions settings = options.Value;
        IPersistenceProvider persistence = storage.Store;
        DependencyResolver services = DependencyResolver.For(system);
        var sharding = new ClusterSharding(
            system,
            new ClusterShardingOptions { NodeId = NodeName, ShardCount = settings.ShardCount, RememberEntities = true },
            settings.Enabled
                ? ShardTransportFactory.RabbitMq(new RabbitMqTransportOptions { Uri = settings.RabbitMq!, QueuePrefix = settings.QueuePrefix })
                : ShardTransportFactory.InProcess(),
            new PersistenceSerializer().RegisterWorldMessages(),
            persistence.DurableState);
        _worlds = await sharding.StartAsync(
            WorldType,
            worldId => services.Props<ShardedWorld>(worldId),
            new HashCodeMessageExtractor(settings.ShardCount),
            cancellationToken).ConfigureAwait(false);
        _sharding = sharding;
        _counting = CountOwnedShardsAsync(_stopping.Token);
        if (settings.Enabled)
        {
            LogJoined(logger, NodeName, settings.ShardCount, settings.QueuePrefix);
        }
    }

    /// <summary>Hands this node's shards to the others after their worlds finished what they hold.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sharding is not { } sharding)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _counting.ConfigureAwait(false);

        try
        {
            await sharding.LeaveAsync(sharding.Options.HandOffTimeout + TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            if (options.Value.Enabled)
            {
                LogLeft(logger, NodeName);
            }
        }
        catch (AskTimeoutException slow)
        {
            // Closing the connection still returns every unacknowledged message to its queue.
            LogLeaveTimedOut(logger, slow.Message);
            await sharding.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Gets the shards active on this node and their worlds.</summary>
    public Task<CurrentShardRegionState> LocalShardsAsync(CancellationToken cancellationToken) =>
        Worlds.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, s_askTimeout, cancellationToken);

    /// <summary>Gets every live node's shards and their world counts, as the heartbeats tell them.</summary>
    public Task<ClusterShardingStats> StatsAsync(CancellationToken cancellationToken) =>
        Worlds.Ask<ClusterShardingStats>(GetClusterShardingStats.Instance, s_askTimeout, cancellationToken);

    /// <summary>Makes sure a world runs (on the node that owns its shard, which remembers it) and says where to send its messages.</summary>
    public async Task<WorldAddress> PlaceAsync(WorldRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await Worlds.Ask<StartEntityAck>(new StartEntity(record.Id), s_askTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException slow)
        {
            // Its first message starts it as well; only the ticks until then are late.
            LogStartLate(logger, record.Id, slow.Message);
        }

        return new WorldAddress(Worlds, record.Id);
    }

    /// <summary>Picks, of <paramref name="worldIds"/>, the worlds that run on this node.</summary>
    public async Task<IReadOnlyList<string>> RunningHereAsync(IReadOnlyCollection<string> worldIds, CancellationToken cancellationToken)
    {
        CurrentShardRegionState local = await LocalShardsAsync(cancellationToken).ConfigureAwait(false);
        return [.. local.Shards.SelectMany(s => s.EntityIds).Intersect(worldIds, StringComparer.Ordinal)];
    }

    private async Task CountOwnedShardsAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(s_countInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    // The region answers the stats from its own heartbeat; its shard state would ask every shard.
                    ClusterShardingStats stats = await StatsAsync(stopping).ConfigureAwait(false);
                    Volatile.Write(ref _ownedShards, stats.Regions.TryGetValue(NodeName, out ShardRegionStats? mine) ? mine.Stats.Count : 0);
                }
                catch (AskTimeoutException)
                {
                    // A busy region: the count stays as it was until the next second.
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host stops.
        }
    }

    [LoggerMessage(EventId = 8033, Level = LogLevel.Warning, Message = "World {WorldId} was not confirmed started ({Reason}); its first message starts it")]
    private static partial void LogStartLate(ILogger logger, string worldId, string reason);

    [LoggerMessage(EventId = 8030, Level = LogLevel.Information, Message = "Cluster: node {NodeName} joined ({ShardCount} shards of worlds, queues {QueuePrefix}.*)")]
    private static partial void LogJoined(ILogger logger, string nodeName, int shardCount, string queuePrefix);

    [LoggerMessage(EventId = 8031, Level = LogLevel.Information, Message = "Cluster: node {NodeName} left; its shards were handed off")]
    private static partial void LogLeft(ILogger logger, string nodeName);

    [LoggerMessage(EventId = 8032, Level = LogLevel.Warning, Message = "Cluster: hand-off did not finish in time ({Reason}); closing the connection returns the rest to the queues")]
    private static partial void LogLeaveTimedOut(ILogger logger, string reason);
}
