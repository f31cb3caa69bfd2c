namespace WasGo.Actors;

/// <summary>
/// A death notification queued among the user messages. It becomes the actor's
/// <see cref="Terminated"/> only if the actor still watches the subject when it comes up, which is
/// what makes an <see cref="IActorContext.Unwatch"/> final even for a notification already queued.
/// </summary>
internal sealed record WatchedActorTerminated(IActorRef Actor, Terminated Terminated);
