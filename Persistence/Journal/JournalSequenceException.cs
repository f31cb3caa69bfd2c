namespace WasGo.Persistence;

/// <summary>An append would leave a gap in an entity's journal or repeat a sequence number.</summary>
public sealed class JournalSequenceException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public JournalSequenceException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">Which id, which numbers.</param>
    public JournalSequenceException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">Which id, which numbers.</param>
    /// <param name="innerException">The cause.</param>
    public JournalSequenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static JournalSequenceException Refused(string persistenceId, long first, long highest) =>
        new($"Events of '{persistenceId}' starting at sequence number {first} were refused: the highest stored is {highest}, so the next must be {highest + 1}.");

    internal static void ThrowIfNotContiguous(string persistenceId, IReadOnlyList<JournalEvent> events)
    {
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        for (int i = 1; i < events.Count; i++)
        {
            if (events[i].SequenceNr != events[i - 1].SequenceNr + 1)
            {
                throw new JournalSequenceException($"Events of '{persistenceId}' are not numbered contiguously: {events[i - 1].SequenceNr} is followed by {events[i].SequenceNr}.");
            }
        }
    }
}
