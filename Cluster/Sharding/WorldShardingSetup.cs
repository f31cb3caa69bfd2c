using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.DependencyInjection;
using Akka.Hosting;
using WasGo.Persistence;

namespace WasGo.Cluster;

/// <summary>
/// Worlds as entities of Akka.Cluster.Sharding: remembered (a node's worlds start again on the
/// survivors without waiting for a message; what is remembered lives in its own journal tables,
/// <see cref="SqlPersistenceSetup.ShardingJournalId"/>), the shard of a world a stable hash of its
/// id, and a world handed off (a node leaving, a rebalance) told <see cref="HandOffWorld"/> so that
/// it records its tick before it stops.
/// </summary>
public static class WorldShardingSetup
{
    /// <summary>The entity type name of worlds.</summary>
    public const string WorldType = "world";

    /// <summary>The default number of shards.</summary>
    public const int DefaultShardCount = 64;

    /// <summary>The most shards allowed.</summary>
    public const int MaxShardCount = 4096;

    /// <summary>Starts the shard region of the worlds, registered under <typeparamref name="TKey"/>.</summary>
    /// <typeparam name="TKey">The registry key of the region.</typeparam>
    /// <typeparam name="TWorld">The entity actor of one world, made through Akka.DependencyInjection with its world id.</typeparam>
    /// <param name="builder">The actor system's builder.</param>
    /// <param name="shardCount">How many shards.</param>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithWorldSharding<TKey, TWorld>(this AkkaConfigurationBuilder builder, int shardCount)
        where TWorld : ActorBase =>
        builder.WithShardRegion<TKey>(
            WorldType,
            (_, _, resolver) => worldId => resolver.Props<TWorld>(worldId),
            new WorldMessageExtractor(shardCount),
            new ShardOptions
            {
                Role = NodeRoles.Worlds,
                RememberEntities = true,
                StateStoreMode = StateStoreMode.DData,
                RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                JournalPluginId = SqlPersistenceSetup.ShardingJournalId,
                HandOffStopMessage = HandOffWorld.Instance,
            });
}
