namespace WasGo.Persistence.Tests.Actors;

/// <summary>A provider whose snapshot loads (the first step of recovery) wait at a gate, counting how many wait at once.</summary>
internal sealed class GatedSnapshotProvider(IPersistenceProvider inner) : IPersistenceProvider, ISnapshotStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;
    private int _maxSeen;

    public int Waiting => Volatile.Read(ref _waiting);

    public int MaxSeen => Volatile.Read(ref _maxSeen);

    public IDurableStateStore DurableState => inner.DurableState;

    public IJournal Journal => inner.Journal;

    public ISnapshotStore Snapshots => this;

    public IModuleStore Modules => inner.Modules;

    public IWorldList Worlds => inner.Worlds;

    public void Open() => _gate.TrySetResult();

    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        int now = Interlocked.Increment(ref _waiting);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxSeen)) && Interlocked.CompareExchange(ref _maxSeen, now, seen) != seen)
        {
        }

        try
        {
            await _gate.Task.WaitAsync(cancellationToken);
            return await inner.Snapshots.LoadAsync(persistenceId, criteria, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public Task SaveAsync(SnapshotMetadata metadata, ReadOnlyMemory<byte> payload, string manifest = "", CancellationToken cancellationToken = default) =>
        inner.Snapshots.SaveAsync(metadata, payload, manifest, cancellationToken);

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) =>
        inner.Snapshots.DeleteAsync(persistenceId, criteria, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
