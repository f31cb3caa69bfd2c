namespace WasGo.Persistence;

/// <summary>
/// The worlds of a host, or of a whole cluster sharing one database: a row each, keyed by the
/// world's id. An id is taken once and for all by whichever writer inserts it first, so two nodes
/// creating the same world at the same moment cannot both succeed.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public interface IWorldList
{
    /// <summary>Adds a world unless one with its id is listed already.</summary>
    /// <param name="world">The world.</param>
    /// <param name="cancellationToken">Cancels the wait (the write may still happen).</param>
    /// <returns><see langword="true"/> if it was added; <see langword="false"/> if the id was taken, by an earlier or a concurrent writer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="world"/> or its token hash is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Its id is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Its tick rate is not a finite number.</exception>
    Task<bool> TryAddAsync(StoredWorld world, CancellationToken cancellationToken = default);

    /// <summary>Lists every world, by id in ordinal order.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The worlds.</returns>
    Task<IReadOnlyList<StoredWorld>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Finds a world by id.</summary>
    /// <param name="id">The world's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The world, or <see langword="null"/> if none has that id.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    Task<StoredWorld?> FindAsync(string id, CancellationToken cancellationToken = default);
}
