using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using WasGo.Cluster;
using WasGo.Host.Worlds;

namespace WasGo.Host.Cluster;

/// <summary>
/// This node's view of the worlds' shard region (Akka.Cluster.Sharding, type
/// <see cref="WorldShardingSetup.WorldType"/>): where to send a world's messages, which shards and
/// worlds run here and on the other nodes, and a count of this node's shards for the metrics.
/// A single-node host is a cluster of one, which owns every shard.
/// </summary>
internal sealed partial class WorldSharding(
    IOptions<ClusterOptions> options,
    ActorSystem system,
    IRequiredActor<WorldRegion> region,
    ILogger<WorldSharding> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan s_askTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_statsTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_countInterval = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _counting = Task.CompletedTask;
    private int _ownedShards;

    /// <summary>Gets the shard region of the worlds: send it <see cref="ShardingEnvelope"/>s naming a world.</summary>
    public IActorRef Worlds => region.ActorRef;

    /// <summary>Gets the node's name in the shard map: the configured one on a cluster node, the machine's on a single node.</summary>
    public string NodeName => options.Value.ToNodeSettings().NodeName;

    /// <summary>Gets how many shards this node owned at the last count (each second).</summary>
    public int OwnedShards => Volatile.Read(ref _ownedShards);

    /// <summary>Gets the fixed number of shards.</summary>
    public int ShardCount => options.Value.ShardCount;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // One line when the node is Up, not one per shard. A single node joined itself before the
        // host's services started (ClusterSetup), so its line comes at once.
        var cluster = Akka.Cluster.Cluster.Get(system);
        string address = cluster.SelfAddress.ToString();
        bool single = !options.Value.Enabled;
        cluster.RegisterOnMemberUp(() =>
        {
            if (single)
            {
                LogUpAlone(logger, NodeName, address, ShardCount);
            }
            else
            {
                LogJoined(logger, NodeName, address, ShardCount);
            }
        });

        _counting = CountOwnedShardsAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Stops counting; the shards are handed off by Akka's coordinated shutdown, when the actor system stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _counting.ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Gets the shards active on this node and their worlds.</summary>
    public Task<CurrentShardRegionState> LocalShardsAsync(CancellationToken cancellationToken) =>
        Worlds.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, s_askTimeout, cancellationToken);

    /// <summary>Gets every node's shards and their world counts; a node that does not answer in time is listed with none.</summary>
    /// <exception cref="AskTimeoutException">No answer within a second of the regions' own limit: the coordinator, which the request goes through, is away (it moves when its node dies).</exception>
    public Task<ClusterShardingStats> StatsAsync(CancellationToken cancellationToken) =>
        Worlds.Ask<ClusterShardingStats>(new GetClusterShardingStats(s_statsTimeout), s_statsTimeout + TimeSpan.FromSeconds(1), cancellationToken);

    /// <summary>Makes sure a world runs (on the node that owns its shard, which remembers it) and says where to send its messages.</summary>
    public async Task<WorldAddress> PlaceAsync(WorldRecord record, CancellationToken cancellationToken)
    {
        try
        {
            // Akka answers with an acknowledgement of its own (an internal type): any answer will do.
            await Worlds.Ask<object>(new ShardRegion.StartEntity(record.Id), s_askTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException slow)
        {
            // Its first message starts it as well; only the ticks until then are late.
            LogStartLate(logger, record.Id, slow.Message);
        }

        return new WorldAddress(Worlds, record.Id);
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
                    CurrentShardRegionState here = await LocalShardsAsync(stopping).ConfigureAwait(false);
                    Volatile.Write(ref _ownedShards, here.Shards.Count);
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

    [LoggerMessage(EventId = 8030, Level = LogLevel.Information, Message = "Cluster: node {NodeName} joined as {Address} ({ShardCount} shards of worlds)")]
    private static partial void LogJoined(ILogger logger, string nodeName, string address, int shardCount);

    [LoggerMessage(EventId = 8034, Level = LogLevel.Information, Message = "Cluster: node {NodeName} is up alone as {Address}, a cluster of one; it owns all {ShardCount} shards of worlds")]
    private static partial void LogUpAlone(ILogger logger, string nodeName, string address, int shardCount);
}
