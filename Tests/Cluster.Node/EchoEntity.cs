using Akka.Actor;

namespace WasGo.Cluster.Node;

/// <summary>An in-memory entity that answers every message with itself: what the benchmarks call.</summary>
public sealed class EchoEntity : ReceiveActor
{
    public EchoEntity() => ReceiveAny(message => Sender.Tell(message));
}
