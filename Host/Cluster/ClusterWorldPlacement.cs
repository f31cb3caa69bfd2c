using WasGo.Actors;
using WasGo.Cluster;
using WasGo.Host.Worlds;

namespace WasGo.Host.Cluster;

/// <summary>A cluster node's placement: each world runs on the node that owns its shard, and is reached through the region.</summary>
internal sealed partial class ClusterWorldPlacement(ClusterNode node, ILogger<ClusterWorldPlacement> logger) : IWorldPlacement
{
    public async Task<WorldAddress> PlaceAsync(WorldRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await node.StartWorldAsync(record.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException slow)
        {
            // Its first message starts it as well; only the ticks until then are late.
            LogStartLate(logger, record.Id, slow.Message);
        }

        return new WorldAddress(node.Worlds, record.Id);
    }

    public async Task<IReadOnlyList<string>> RunningHereAsync(IReadOnlyCollection<string> worldIds, CancellationToken cancellationToken)
    {
        CurrentShardRegionState local = await node.LocalShardsAsync(cancellationToken).ConfigureAwait(false);
        return [.. local.Shards.SelectMany(s => s.EntityIds).Intersect(worldIds, StringComparer.Ordinal)];
    }

    [LoggerMessage(EventId = 8033, Level = LogLevel.Warning, Message = "World {WorldId} was not confirmed started ({Reason}); its first message starts it")]
    private static partial void LogStartLate(ILogger logger, string worldId, string reason);
}
