namespace WasGo.Actors;

/// <summary>
/// The reference behind <see cref="ActorSystem.DeadLetters"/>: what is sent to it is published, by the same rules as messages to stopped actors,
/// as a <see cref="DeadLetter"/>. Watching it reports it as terminated at once.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public bool IsTerminated => true;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        system.PublishDeadLetter(new Envelope(message, sender), this);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false));
        }
    }

    public override string ToString() => Path.ToString();
}
