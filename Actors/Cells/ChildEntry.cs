namespace WasGo.Actors;

/// <summary>A child as its parent knows it: the reference and the restarts the supervisor has granted.</summary>
internal sealed class ChildEntry(LocalActorRef child)
{
    public LocalActorRef Ref { get; } = child;

    public ChildRestartStats RestartStats { get; } = new();
}
