namespace WasGo.Persistence;

/// <summary>
/// One row of state per persistence id, each write naming the revision it replaces (Akka's durable
/// state store). A writer that read an older revision is refused: that is optimistic concurrency,
/// and also the fencing that keeps a node which lost ownership of an entity from overwriting newer state.
/// </summary>
/// <remarks>Thread-safe. A completed write is durable.</remarks>
public interface IDurableStateStore
{
    /// <summary>Reads the state of <paramref name="persistenceId"/>.</summary>
    /// <param name="persistenceId">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/> if there is none.</returns>
    Task<DurableStateRecord?> GetAsync(string persistenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a new state. <paramref name="revision"/> is the new revision: 1 creates the row, and
    /// any other value must be exactly one more than the stored one.
    /// </summary>
    /// <param name="persistenceId">The id.</param>
    /// <param name="revision">The new revision.</param>
    /// <param name="payload">The serialized state.</param>
    /// <param name="manifest">What the payload is.</param>
    /// <param name="cancellationToken">Cancels the wait (the write may still happen).</param>
    /// <returns>A task that completes when the write is durable.</returns>
    /// <exception cref="DurableStateConcurrencyException">The stored revision is not <paramref name="revision"/> − 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="revision"/> is less than 1.</exception>
    Task UpsertAsync(string persistenceId, long revision, ReadOnlyMemory<byte> payload, string manifest = "", CancellationToken cancellationToken = default);

    /// <summary>Deletes the state of <paramref name="persistenceId"/> if its stored revision is <paramref name="revision"/>.</summary>
    /// <param name="persistenceId">The id.</param>
    /// <param name="revision">The revision the caller last read.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the delete is durable.</returns>
    /// <exception cref="DurableStateConcurrencyException">The stored revision is another one, or there is no row.</exception>
    Task DeleteAsync(string persistenceId, long revision, CancellationToken cancellationToken = default);
}
