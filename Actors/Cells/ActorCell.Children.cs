namespace WasGo.Actors;

/// <summary>Children: spawning, finding and stopping them.</summary>
internal sealed partial class ActorCell
{
    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (IsStoppingOrStopped)
        {
            throw NotWhileStopping();
        }

        ChildrenContainer children = Extras.Children;
        if (name is null)
        {
            name = children.NextName();
        }
        else
        {
            ValidateName(name);
        }

        var child = new ActorCell(System, props, SelfRef, name);
        children.Add(new ChildEntry(child.SelfRef));
        if (IsStoppingOrStopped)
        {
            // The guardian's children are added from other threads: this cell began to stop after the
            // check above and may have taken its list of children to stop before this one was added.
            // Without this it would wait for the child forever (and never finish stopping).
            Stop(child.SelfRef);
            throw NotWhileStopping();
        }

        child.Start();
        return child.SelfRef;
    }

    public IActorRef? Child(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _extras?.ChildrenOrNull?.Find(name)?.Ref;
    }

    public ChildEntry[] LivingChildren() => _extras?.ChildrenOrNull?.Living() ?? [];

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is LocalActorRef local && _extras?.ChildrenOrNull is { } children)
        {
            // Frees the child's name now, so a new child may take it while this one finishes.
            children.MarkStopping(local);
        }

        if (actor is IInternalActorRef internalRef)
        {
            internalRef.SendSystemMessage(Terminate.Instance);
        }
    }

    public void StopChild(LocalActorRef child) => Stop(child);

    private InvalidOperationException NotWhileStopping() => new($"{Self.Path} is stopping and cannot make children.");

    private static void ValidateName(string name)
    {
        if (name.Length == 0 || name.StartsWith('$') || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
        {
            throw new InvalidActorNameException($"The actor name '{name}' is not valid: it must be non-empty, must not start with '$', and must not contain '/' or white space.");
        }
    }

    private void HandleChildTerminated(IInternalActorRef child)
    {
        if (child is LocalActorRef local)
        {
            _extras?.ChildrenOrNull?.Remove(local);
        }

        if (IsTerminating && (_extras?.ChildrenOrNull?.IsEmpty ?? true))
        {
            FinishTerminate();
        }
    }
}
