namespace WasGo.Actors;

/// <summary>An actor with one method for every message; call <see cref="ActorBase.Unhandled"/> for what it does not know.</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Processes one message.</summary>
    /// <param name="message">The message.</param>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
