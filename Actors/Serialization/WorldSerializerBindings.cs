using System.Collections.Immutable;
using Akka.Actor;
using Akka.Serialization;

namespace WasGo.Actors.Serialization;

/// <summary>
/// Which serializer writes which world type: <see cref="WorldMessageSerializer"/> the messages that
/// cross nodes, <see cref="WorldEventSerializer"/> the journal events. The one list both the host
/// (<see cref="WorldSerializerHostingExtensions.WithWorldSerializers"/>) and a bare actor system
/// (<see cref="CreateSetup"/>) register, so that the two cannot bind differently.
/// </summary>
public static class WorldSerializerBindings
{
    /// <summary>The name <see cref="WorldMessageSerializer"/> is registered under.</summary>
    public const string MessagesAlias = "wasgo-world-messages";

    /// <summary>The name <see cref="WorldEventSerializer"/> is registered under.</summary>
    public const string EventsAlias = "wasgo-world-events";

    /// <summary>Gets each serializer's name, the types bound to it and how to make it.</summary>
    internal static IReadOnlyList<(string Alias, IReadOnlyList<Type> Types, Func<ExtendedActorSystem, Serializer> Create)> All { get; } =
    [
        (MessagesAlias, WorldMessageSerializer.MessageTypes, static system => new WorldMessageSerializer(system)),
        (EventsAlias, WorldEventSerializer.EventTypes, static system => new WorldEventSerializer(system)),
    ];

    /// <summary>
    /// Makes the setup that registers both serializers with their bindings, for an actor system
    /// built without Akka.Hosting (a TestKit's, a tool's): pass it with <c>BootstrapSetup.Create().And(…)</c>.
    /// </summary>
    /// <returns>The setup.</returns>
    public static SerializationSetup CreateSetup() =>
        SerializationSetup.Create(static system => [.. All.Select(binding => SerializerDetails.Create(binding.Alias, binding.Create(system), [.. binding.Types]))]);
}
