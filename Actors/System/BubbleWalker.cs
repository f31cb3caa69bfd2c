namespace WasGo.Actors;

/// <summary>
/// The pseudo-parent of the root guardian (Akka calls it "the one who walks the bubbles of space
/// time"): a root that fails is stopped, and a root that has stopped ends the actor system.
/// </summary>
internal sealed class BubbleWalker(ActorPath path, Action onRootFailed, Action onRootTerminated) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public bool IsTerminated => false;

    public void Tell(object message, IActorRef? sender = null)
    {
    }

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed:
                onRootFailed();
                break;
            case ChildTerminated:
                onRootTerminated();
                break;
        }
    }
}
