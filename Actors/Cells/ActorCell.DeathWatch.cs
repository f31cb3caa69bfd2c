namespace WasGo.Actors;

/// <summary>Death watch: who watches this actor, whom it watches, and what happens to messages after its death.</summary>
internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (ReferenceEquals(subject, SelfRef))
        {
            return subject;
        }

        if (subject is IInternalActorRef target && Extras.StartWatching(subject))
        {
            target.SendSystemMessage(new Watch(SelfRef));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is IInternalActorRef target && _extras?.ForgetWatched(subject) == true)
        {
            target.SendSystemMessage(new Unwatch(SelfRef));
        }

        return subject;
    }

    /// <summary>What a system message means once the actor is gone; called after the mailbox closed.</summary>
    public void SystemInvokeAfterTermination(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
        }
    }

    private void AddWatcher(IInternalActorRef watcher)
    {
        if (IsTerminated)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
            return;
        }

        Extras.AddWatcher(watcher);
    }

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        if (_extras?.IsWatching(notification.Actor) != true)
        {
            return;
        }

        // Queued as a user message, so that it keeps its place after messages already queued and
        // can still be cancelled by an Unwatch before it is processed.
        var terminated = new Terminated(notification.Actor, notification.ExistenceConfirmed);
        Mailbox.PostUser(new Envelope(new WatchedActorTerminated(notification.Actor, terminated), notification.Actor));
    }

    private void NotifyWatchersAndWatched()
    {
        if (_extras is null)
        {
            return;
        }

        foreach (IInternalActorRef watcher in _extras.Watchers)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
        }

        foreach (IActorRef watched in _extras.Watching)
        {
            (watched as IInternalActorRef)?.SendSystemMessage(new Unwatch(SelfRef));
        }
    }
}
