using System.Text.Json;
using WasGo.Persistence;
using WasGo.Scripting;

namespace WasGo.Actors.Worlds;

/// <summary>
/// Registers the messages a world takes and the replies it gives, so that a world can be sent
/// them from another node (a world sharded across a cluster). Values keep their exact bits.
/// </summary>
public static class WorldMessageSerialization
{
    /// <summary>Gets the JSON options of the messages (values as their exact bytes).</summary>
    internal static JsonSerializerOptions Options { get; } = new()
    {
        Converters = { new ScriptValueWireJson() },
        IncludeFields = true, // the tuples of WorldTicked.GivenUp
    };

    /// <summary>Registers <see cref="WorldSpawn"/>, <see cref="WorldCall"/>, <see cref="WorldDespawn"/>, <see cref="WorldSetTickRate"/>, <see cref="GetWorldStatus"/>, <see cref="CheckpointWorld"/> and their replies.</summary>
    /// <param name="serializer">The serializer of the cluster's messages.</param>
    /// <returns>The same serializer.</returns>
    /// <exception cref="InvalidOperationException">One of the types is registered already.</exception>
    public static PersistenceSerializer RegisterWorldMessages(this PersistenceSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        return serializer
            .RegisterJson<WorldSpawn>("wasgo.world.spawn", Options)
            .RegisterJson<WorldCall>("wasgo.world.call", Options)
            .RegisterJson<WorldDespawn>("wasgo.world.despawn", Options)
            .RegisterJson<WorldSetTickRate>("wasgo.world.set-tick-rate", Options)
            .RegisterJson<GetWorldStatus>("wasgo.world.get-status", Options)
            .RegisterJson<CheckpointWorld>("wasgo.world.checkpoint", Options)
            .RegisterJson<CallResult>("wasgo.world.call-result", Options)
            .RegisterJson<WorldStatus>("wasgo.world.status", Options)
            .RegisterJson<WorldCheckpointed>("wasgo.world.checkpointed", Options)
            .RegisterJson<WorldTicked>("wasgo.world.ticked", Options);
    }
}
