namespace WasGo.Actors;

/// <summary>
/// What an actor can see and do about itself while it processes a message: who it is, who sent the
/// message, its family, and death watch.
/// </summary>
/// <remarks>
/// Belongs to the actor's own turn: use it from the actor's handlers (also after an
/// <see langword="await"/> in a <c>ReceiveAsync</c> handler), never from another thread.
/// </remarks>
public interface IActorContext
{
    /// <summary>Gets the actor's own reference.</summary>
    IActorRef Self { get; }

    /// <summary>Gets the sender of the current message, or the system's dead letters when it had none.</summary>
    IActorRef Sender { get; }

    /// <summary>Gets the actor's parent (its supervisor).</summary>
    IActorRef Parent { get; }

    /// <summary>Gets the actor system the actor lives in.</summary>
    ActorSystem System { get; }

    /// <summary>Gets the props the actor was made from.</summary>
    Props Props { get; }

    /// <summary>Gets the living children, as a snapshot.</summary>
    IReadOnlyList<IActorRef> Children { get; }

    /// <summary>Gets the receive timeout set with <see cref="SetReceiveTimeout"/>, if any.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>Makes a child actor.</summary>
    /// <param name="props">How to make it.</param>
    /// <param name="name">A name unique among living siblings, or <see langword="null"/> for a generated one.</param>
    /// <returns>The child's reference; it can be sent to at once.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="props"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidActorNameException"><paramref name="name"/> is malformed or taken.</exception>
    /// <exception cref="InvalidOperationException">The actor is stopping.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Finds a living child by name.</summary>
    /// <param name="name">The child's name.</param>
    /// <returns>The child, or <see langword="null"/> if no living child has that name.</returns>
    IActorRef? Child(string name);

    /// <summary>Stops an actor (a child, or the actor itself) after the message it is processing.</summary>
    /// <param name="actor">The actor to stop.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is <see langword="null"/>.</exception>
    void Stop(IActorRef actor);

    /// <summary>
    /// Asks for a <see cref="Terminated"/> message when <paramref name="subject"/> stops; at once if it
    /// already has. Watching twice still gives one message.
    /// </summary>
    /// <param name="subject">The actor to watch.</param>
    /// <returns><paramref name="subject"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is <see langword="null"/>.</exception>
    IActorRef Watch(IActorRef subject);

    /// <summary>Stops watching <paramref name="subject"/>: no <see cref="Terminated"/> for it arrives afterwards.</summary>
    /// <param name="subject">The actor no longer watched.</param>
    /// <returns><paramref name="subject"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is <see langword="null"/>.</exception>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>
    /// Sends the actor <see cref="WasGo.Actors.ReceiveTimeout"/> after it has received no message for
    /// <paramref name="timeout"/>, and again after each further idle <paramref name="timeout"/>;
    /// <see langword="null"/> turns that off.
    /// </summary>
    /// <param name="timeout">The idle time, positive, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> as if the current sender had sent it.</summary>
    /// <param name="target">The receiver.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    void Forward(IActorRef target, object message);
}
