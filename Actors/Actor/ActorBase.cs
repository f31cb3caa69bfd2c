using Microsoft.Extensions.Logging;

namespace WasGo.Actors;

/// <summary>
/// The base of every actor. One message is processed at a time, so an actor's fields need no lock.
/// </summary>
/// <remarks>
/// The context (<see cref="Context"/>, <see cref="Self"/>, <see cref="Sender"/>, <see cref="Timers"/>,
/// <see cref="Stash"/>) is given to the instance after its constructor: use it from
/// <see cref="PreStart"/> and the message handlers on, not in the constructor. It is a field of the
/// instance, not an ambient value, so it stays valid across an <see langword="await"/>.
/// </remarks>
public abstract class ActorBase
{
    private ActorCell? _cell;

    /// <summary>Gets the actor's context.</summary>
    /// <exception cref="InvalidOperationException">Used in the constructor, before the actor is attached.</exception>
    protected IActorContext Context => Cell;

    /// <summary>Gets the actor's own reference.</summary>
    protected IActorRef Self => Cell.Self;

    /// <summary>Gets the sender of the current message (dead letters when there is none).</summary>
    protected IActorRef Sender => Cell.Sender;

    /// <summary>Gets the actor's timers.</summary>
    protected ITimerScheduler Timers => Cell.Timers;

    /// <summary>Gets the actor's stash.</summary>
    protected IStash Stash => Cell.Stash;

    /// <summary>Gets a logger named after the actor's type.</summary>
    protected ILogger Log => Cell.Log;

    private ActorCell Cell => _cell ?? throw new InvalidOperationException(
        $"{GetType().Name} used its context in its constructor. The context is available from PreStart() on; move that code there.");

    /// <summary>
    /// The strategy this actor supervises its children with. Override to choose another; the props'
    /// strategy, if set, wins.
    /// </summary>
    /// <returns>The strategy; by default <see cref="WasGo.Actors.SupervisorStrategy.DefaultStrategy"/>.</returns>
    protected internal virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    /// <summary>Processes one message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Whether the message was handled; an unhandled one goes to <see cref="Unhandled"/>.</returns>
    protected internal abstract bool Receive(object message);

    /// <summary>
    /// Called for a message <see cref="Receive"/> did not handle. By default an unhandled
    /// <see cref="Terminated"/> fails the actor with a <see cref="DeathPactException"/>, and anything
    /// else is published as an <see cref="UnhandledMessage"/> dead letter.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <exception cref="DeathPactException"><paramref name="message"/> is a <see cref="Terminated"/>.</exception>
    protected internal virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException($"{Self.Path} watched {terminated.ActorRef.Path} and did not handle its Terminated.");
        }

        Cell.System.PublishUnhandled(message, Cell.CurrentSender, Self);
    }

    /// <summary>Called once the instance is attached, before its first message. Children and timers are usually made here.</summary>
    protected internal virtual void PreStart()
    {
    }

    /// <summary>Called after the actor stopped: its children have stopped, no message will follow.</summary>
    protected internal virtual void PostStop()
    {
    }

    /// <summary>
    /// Called on the failed instance before it is replaced. By default it stops every child and calls
    /// <see cref="PostStop"/>.
    /// </summary>
    /// <param name="reason">The failure.</param>
    /// <param name="message">The message that was being processed, if any.</param>
    protected internal virtual void PreRestart(Exception reason, object? message)
    {
        foreach (IActorRef child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Called on the new instance after a restart. By default it calls <see cref="PreStart"/>.</summary>
    /// <param name="reason">The failure that caused the restart.</param>
    protected internal virtual void PostRestart(Exception reason) => PreStart();

    internal void Attach(ActorCell cell) => _cell = cell;
}
