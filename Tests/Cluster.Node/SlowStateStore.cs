using WasGo.Persistence;

namespace WasGo.Cluster.Node;

/// <summary>
/// A state store whose writes start after a delay, like a slow disk: a node frozen by a test then
/// almost surely holds computed effects not yet written, which is what fencing must refuse.
/// </summary>
public sealed class SlowStateStore(IDurableStateStore inner, TimeSpan writeDelay) : IDurableStateStore
{
    public Task<DurableStateRecord?> GetAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.GetAsync(persistenceId, cancellationToken);

    public async Task UpsertAsync(string persistenceId, long revision, ReadOnlyMemory<byte> payload, string manifest = "", CancellationToken cancellationToken = default)
    {
        // Off the caller's scheduler, as a real store's I/O is: called from an entity actor, the rest
        // of the write would otherwise be queued to that actor, and dropped if it stopped meanwhile
        // (a frozen node that thaws stops the entities of the shards it lost before it writes).
        await Task.Delay(writeDelay, cancellationToken).ConfigureAwait(false);
        await inner.UpsertAsync(persistenceId, revision, payload, manifest, cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(string persistenceId, long revision, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(persistenceId, revision, cancellationToken);
}
