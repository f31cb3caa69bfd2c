using System.Diagnostics;

namespace WasGo.Actors;

/// <summary>The reference to an actor of this process. It outlives the actor: once the actor has stopped, messages go to dead letters.</summary>
[DebuggerDisplay("{Path}")]
internal sealed class LocalActorRef : IInternalActorRef
{
    private readonly IInternalActorRef _parent;
    private readonly string _name;
    private ActorPath? _path;

    public LocalActorRef(ActorCell cell, IInternalActorRef parent, string name, ActorPath? path = null)
    {
        Cell = cell;
        _parent = parent;
        _name = name;
        _path = path;
    }

    public ActorCell Cell { get; }

    public string Name => _name;

    // Built on first use: most actors are never asked for their path, and a million paths cost memory.
    public ActorPath Path => _path ??= _parent.Path.Child(_name);

    public bool IsTerminated => Cell.IsTerminated;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.PostUser(new Envelope(message, sender));
    }

    public void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    public override string ToString() => Path.ToString();
}
