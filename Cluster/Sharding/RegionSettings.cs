using Akka.Actor;
using WasGo.Persistence;

namespace WasGo.Cluster;

/// <summary>What a region needs besides its transport.</summary>
/// <param name="TypeName">The entity type's name, which also names its queues.</param>
/// <param name="EntityProps">Makes an entity from its id, or <see langword="null"/> for a proxy.</param>
/// <param name="Extractor">Finds entity and shard ids in messages.</param>
/// <param name="Options">The sharding options.</param>
/// <param name="Serializer">Turns messages crossing between nodes into bytes.</param>
/// <param name="StateStore">Where remembered entities are kept, if anywhere.</param>
internal sealed record RegionSettings(
    string TypeName,
    Func<string, Props>? EntityProps,
    IMessageExtractor Extractor,
    ClusterShardingOptions Options,
    PersistenceSerializer Serializer,
    IDurableStateStore? StateStore);
