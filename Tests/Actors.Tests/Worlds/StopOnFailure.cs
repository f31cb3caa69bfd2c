using Akka.Actor;

namespace WasGo.Actors.Tests.Worlds;

/// <summary>A parent that stops its one child when it fails, as a world's owner does, and tells <paramref name="watcher"/> when it has stopped (<see cref="Stopped"/>).</summary>
internal sealed class StopOnFailure : ReceiveActor
{
    public StopOnFailure(Props child, IActorRef watcher)
    {
        Context.Watch(Context.ActorOf(child, "child"));
        // Terminated itself cannot be passed on: Akka drops one about an actor the receiver does not watch.
        Receive<Terminated>(terminated => watcher.Tell(new Stopped(terminated.ActorRef)));
    }

    /// <summary>The child stopped.</summary>
    public sealed record Stopped(IActorRef Child);

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}
