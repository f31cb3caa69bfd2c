using WasGo.Actors;
using WasGo.Cluster;

namespace WasGo.Host.Worlds;

/// <summary>Where a world's messages go: its own actor in this process, or the shard region of the worlds, which finds the node that runs it.</summary>
/// <param name="Target">The world's actor or the region.</param>
/// <param name="ShardedId">The world's entity id when <paramref name="Target"/> is a region, else null.</param>
internal sealed record WorldAddress(IActorRef Target, string? ShardedId)
{
    /// <summary>Asks the world: the message goes in an envelope that names it when it is sharded.</summary>
    public Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken) =>
        Target.Ask<T>(ShardedId is null ? message : new ShardingEnvelope(ShardedId, message), timeout, cancellationToken);
}
