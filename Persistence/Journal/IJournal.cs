namespace WasGo.Persistence;

/// <summary>
/// The event history of each persistence id: appended in sequence, replayed in order. Gaps and
/// duplicates are refused, and the highest sequence number survives deletion.
/// </summary>
/// <remarks>Thread-safe. A completed append is durable.</remarks>
public interface IJournal
{
    /// <summary>Appends events atomically: all of them or none.</summary>
    /// <param name="persistenceId">The id.</param>
    /// <param name="events">The events, numbered from the highest stored sequence number + 1 without gaps.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the events are durable.</returns>
    /// <exception cref="JournalSequenceException">The numbering leaves a gap or repeats a number.</exception>
    /// <exception cref="ArgumentException"><paramref name="events"/> is empty.</exception>
    Task AppendAsync(string persistenceId, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Reads the events from <paramref name="fromSequenceNr"/> to <paramref name="toSequenceNr"/>, in order.</summary>
    /// <param name="persistenceId">The id.</param>
    /// <param name="fromSequenceNr">The first sequence number wanted.</param>
    /// <param name="toSequenceNr">The last sequence number wanted.</param>
    /// <param name="max">The most events returned.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events.</returns>
    IAsyncEnumerable<JournalEvent> ReplayAsync(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, long max = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Reads the highest sequence number ever appended, deleted events included.</summary>
    /// <param name="persistenceId">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The number, or 0 if nothing was appended.</returns>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the events up to and including <paramref name="toSequenceNr"/>.</summary>
    /// <param name="persistenceId">The id.</param>
    /// <param name="toSequenceNr">The last sequence number deleted.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the deletion is durable.</returns>
    Task DeleteUpToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
