namespace WasGo.Actors;

/// <summary>The settings of an actor's mailbox.</summary>
/// <remarks>Immutable.</remarks>
public sealed record MailboxOptions
{
    /// <summary>The largest capacity a bounded mailbox may have.</summary>
    public const int MaxCapacity = 1 << 24;

    private MailboxOptions(int? capacity, MailboxOverflowStrategy overflow)
    {
        Capacity = capacity;
        Overflow = overflow;
    }

    /// <summary>Gets the default: an unbounded mailbox.</summary>
    public static MailboxOptions Unbounded { get; } = new(null, MailboxOverflowStrategy.DropNewest);

    /// <summary>Gets the most user messages the mailbox holds, or <see langword="null"/> when unbounded.</summary>
    public int? Capacity { get; }

    /// <summary>Gets what a full bounded mailbox does with one more message.</summary>
    public MailboxOverflowStrategy Overflow { get; }

    /// <summary>Creates bounded mailbox settings.</summary>
    /// <param name="capacity">The most user messages held at once, from 1 to <see cref="MaxCapacity"/>.</param>
    /// <param name="overflow">What to drop when it is full.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is out of range.</exception>
    public static MailboxOptions Bounded(int capacity, MailboxOverflowStrategy overflow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        if (!Enum.IsDefined(overflow))
        {
            throw new ArgumentOutOfRangeException(nameof(overflow), overflow, "Use DropNewest or DropOldest.");
        }

        return new MailboxOptions(capacity, overflow);
    }
}
