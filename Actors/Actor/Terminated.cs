namespace WasGo.Actors;

/// <summary>
/// Tells a watcher that an actor it watches has stopped. Delivered exactly once per
/// <see cref="IActorContext.Watch"/>, and never after <see cref="IActorContext.Unwatch"/>.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">Whether the actor existed when it was watched.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed);
