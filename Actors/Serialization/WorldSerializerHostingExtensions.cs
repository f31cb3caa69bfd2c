using Akka.Hosting;

namespace WasGo.Actors.Serialization;

/// <summary>Registers the world's serializers with an actor system that Akka.Hosting builds.</summary>
public static class WorldSerializerHostingExtensions
{
    /// <summary>
    /// Registers <see cref="WorldMessageSerializer"/> for the messages that cross nodes to and from a
    /// world and <see cref="WorldEventSerializer"/> for its journal events (<see cref="WorldSerializerBindings"/>).
    /// </summary>
    /// <param name="builder">The actor system's builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static AkkaConfigurationBuilder WithWorldSerializers(this AkkaConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach ((string alias, IReadOnlyList<Type> types, Func<Akka.Actor.ExtendedActorSystem, Akka.Serialization.Serializer> create) in WorldSerializerBindings.All)
        {
            builder.WithCustomSerializer(alias, types, create);
        }

        return builder;
    }
}
