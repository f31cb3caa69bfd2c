namespace WasGo.Actors;

/// <summary>
/// The user-message queue of a mailbox: many producers, one consumer (the mailbox's running turn).
/// </summary>
internal abstract class MailboxQueue
{
    /// <summary>
    /// Gets whether a message may be waiting. It may answer true for a message whose enqueue has not
    /// finished yet; the mailbox then runs a turn that finds nothing and checks again.
    /// </summary>
    public abstract bool HasMessages { get; }

    public static MailboxQueue Create(MailboxOptions options) => options.Capacity is int capacity
        ? new BoundedMailboxQueue(capacity, options.Overflow)
        : new UnboundedMailboxQueue();

    /// <summary>Adds a message; returns a message the queue had to drop instead, if any.</summary>
    public abstract bool TryEnqueue(in Envelope envelope, out Envelope dropped);

    /// <summary>Takes the oldest message. Only the consumer calls it.</summary>
    public abstract bool TryDequeue(out Envelope envelope);
}
