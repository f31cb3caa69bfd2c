namespace WasGo.Cluster;

/// <summary>
/// Sent by an entity to its parent (the shard) to be stopped (Akka's <c>Passivate</c>): the shard
/// sends the entity <paramref name="StopMessage"/>, holds messages that arrive for it meanwhile, and
/// starts it again for them once it has stopped. Send it with the entity as the sender (there is no
/// implicit sender here): <c>Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self)</c>.
/// </summary>
/// <param name="StopMessage">What the entity receives to stop, usually <see cref="Akka.Actor.PoisonPill"/>.</param>
public sealed record Passivate(object StopMessage);
