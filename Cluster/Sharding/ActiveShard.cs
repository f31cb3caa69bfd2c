using Akka.Actor;

namespace WasGo.Cluster;

/// <summary>A shard active on this node: its actor, the consume it belongs to, and whether it is being handed off.</summary>
internal sealed class ActiveShard(IActorRef actor, long generation)
{
    public IActorRef Actor { get; } = actor;

    public long Generation { get; } = generation;

    public bool HandingOff { get; set; }

    public int EntityCount { get; set; }
}
