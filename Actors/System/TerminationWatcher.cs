namespace WasGo.Actors;

/// <summary>A pseudo-actor that runs a callback when the actor it watches has stopped.</summary>
internal sealed class TerminationWatcher(ActorPath path, Action onTerminated) : IInternalActorRef
{
    private int _fired;

    public ActorPath Path { get; } = path;

    public bool IsTerminated => Volatile.Read(ref _fired) != 0;

    public void Tell(object message, IActorRef? sender = null)
    {
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            onTerminated();
        }
    }
}
