namespace WasGo.Actors;

/// <summary>What the runtime needs of a reference beyond what users see.</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>Gets whether the actor behind the reference has stopped for good.</summary>
    bool IsTerminated { get; }

    /// <summary>Delivers a lifecycle, supervision or death-watch message.</summary>
    void SendSystemMessage(SystemMessage message);
}
