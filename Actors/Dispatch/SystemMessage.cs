namespace WasGo.Actors;

/// <summary>
/// The runtime's own messages to a cell: lifecycle, supervision and death watch. They travel in a
/// queue of their own and are processed before user messages, even while the actor is suspended.
/// </summary>
internal abstract record SystemMessage;

/// <summary>Make the actor's first instance and call <see cref="ActorBase.PreStart"/>.</summary>
internal sealed record Create : SystemMessage
{
    public static Create Instance { get; } = new();
}

/// <summary>The supervisor decided to restart the actor after <paramref name="Cause"/>.</summary>
internal sealed record Recreate(Exception Cause) : SystemMessage;

/// <summary>The supervisor decided the failed actor goes on with its current state.</summary>
internal sealed record Resume : SystemMessage
{
    public static Resume Instance { get; } = new();
}

/// <summary>Stop the actor: its children first, then itself.</summary>
internal sealed record Terminate : SystemMessage
{
    public static Terminate Instance { get; } = new();
}

/// <summary>A child failed while processing <paramref name="Message"/>; the parent's strategy decides.</summary>
internal sealed record Failed(IInternalActorRef Child, Exception Cause, object? Message) : SystemMessage;

/// <summary>A child has stopped for good.</summary>
internal sealed record ChildTerminated(IInternalActorRef Child) : SystemMessage;

/// <summary><paramref name="Watcher"/> wants a <see cref="Terminated"/> when the receiver stops.</summary>
internal sealed record Watch(IInternalActorRef Watcher) : SystemMessage;

/// <summary><paramref name="Watcher"/> no longer wants to hear of the receiver's death.</summary>
internal sealed record Unwatch(IInternalActorRef Watcher) : SystemMessage;

/// <summary>An actor the receiver watches has stopped.</summary>
internal sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed) : SystemMessage;
