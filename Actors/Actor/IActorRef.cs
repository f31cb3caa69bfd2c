namespace WasGo.Actors;

/// <summary>
/// A handle to an actor: the only way to talk to it. It stays valid after the actor stops;
/// messages sent then go to dead letters.
/// </summary>
/// <remarks>Thread-safe: any thread may send through the same reference at once.</remarks>
public interface IActorRef
{
    /// <summary>Gets the actor's path, unique within its actor system while it lives.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Sends <paramref name="message"/> to the actor without waiting. Messages from one sender to one
    /// receiver arrive in the order they were sent.
    /// </summary>
    /// <param name="message">The message; it should be immutable.</param>
    /// <param name="sender">The actor replies go to, or <see langword="null"/> for none (replies become dead letters).</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    void Tell(object message, IActorRef? sender = null);
}
