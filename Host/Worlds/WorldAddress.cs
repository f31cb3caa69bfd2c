using Akka.Actor;
using Akka.Cluster.Sharding;

namespace WasGo.Host.Worlds;

/// <summary>Where a world's messages go: the shard region of the worlds, which finds the node that runs it.</summary>
/// <param name="Region">The region.</param>
/// <param name="WorldId">The world's entity id.</param>
internal sealed record WorldAddress(IActorRef Region, string WorldId)
{
    /// <summary>Asks the world, in an envelope that names it.</summary>
    public Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken) =>
        Region.Ask<T>(new ShardingEnvelope(WorldId, message), timeout, cancellationToken);

    /// <summary>Sends the world a message whose answers go to <paramref name="sender"/>.</summary>
    public void Tell(object message, IActorRef sender) => Region.Tell(new ShardingEnvelope(WorldId, message), sender);
}
