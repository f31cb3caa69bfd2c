namespace WasGo.Persistence;

/// <summary>Snapshots of entity state at points of its journal, so that recovery replays only what came after.</summary>
/// <remarks>Thread-safe. A completed save is durable.</remarks>
public interface ISnapshotStore
{
    /// <summary>Saves a snapshot; one at the same id and sequence number is replaced.</summary>
    /// <param name="metadata">Whose, at which point, and when.</param>
    /// <param name="payload">The serialized state.</param>
    /// <param name="manifest">What the payload is.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the snapshot is durable.</returns>
    Task SaveAsync(SnapshotMetadata metadata, ReadOnlyMemory<byte> payload, string manifest = "", CancellationToken cancellationToken = default);

    /// <summary>Loads the newest snapshot (highest sequence number) that the criteria select.</summary>
    /// <param name="persistenceId">The id.</param>
    /// <param name="criteria">Which snapshots qualify.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot, or <see langword="null"/> if none qualifies.</returns>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshots of <paramref name="persistenceId"/> that the criteria select.</summary>
    /// <param name="persistenceId">The id.</param>
    /// <param name="criteria">Which snapshots go.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the deletion is durable.</returns>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
