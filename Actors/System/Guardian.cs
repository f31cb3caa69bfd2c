namespace WasGo.Actors;

/// <summary>The parent of top-level actors (<c>/user</c>) or of the system's own (<c>/system</c>); it handles no messages.</summary>
internal sealed class Guardian(SupervisorStrategy strategy) : ActorBase
{
    protected internal override SupervisorStrategy SupervisorStrategy() => strategy;

    protected internal override bool Receive(object message) => false;
}
