namespace WasGo.Actors;

/// <summary>
/// Puts messages aside to process later, typically while the actor waits for something in another
/// behaviour. Unstashed messages go to the front of the mailbox, in the order they were stashed.
/// On restart the stash is put back into the mailbox; on stop it goes to dead letters.
/// </summary>
/// <remarks>Belongs to the actor's own turn, like <see cref="IActorContext"/>.</remarks>
public interface IStash
{
    /// <summary>Gets how many messages are stashed.</summary>
    int Count { get; }

    /// <summary>Stashes the message being processed.</summary>
    /// <exception cref="InvalidOperationException">No message is being processed.</exception>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the front of the mailbox, in order.</summary>
    void UnstashAll();

    /// <summary>Drops every stashed message (they go to dead letters).</summary>
    void ClearStash();
}
