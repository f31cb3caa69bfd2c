using System.Diagnostics;
using WasGo.Persistence;

namespace WasGo.Host.Metrics;

/// <summary>The host's store with its operations timed into <c>wasgo.persistence.duration</c>; the stores themselves know nothing of meters.</summary>
internal sealed class MeteredPersistence(IPersistenceProvider inner, HostMetrics metrics) : IPersistenceProvider
{
    public IDurableStateStore DurableState { get; } = new MeteredDurableState(inner.DurableState, metrics);

    public IJournal Journal { get; } = new MeteredJournal(inner.Journal, metrics);

    public ISnapshotStore Snapshots => inner.Snapshots;

    public IModuleStore Modules { get; } = new MeteredModules(inner.Modules, metrics);

    public IWorldList Worlds { get; } = new MeteredWorlds(inner.Worlds, metrics);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static async Task<T> TimeAsync<T>(HostMetrics metrics, string operation, Func<Task<T>> run)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            metrics.Persisted(operation, start);
        }
    }

    private static async Task TimeAsync(HostMetrics metrics, string operation, Func<Task> run)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await run().ConfigureAwait(false);
        }
        finally
        {
            metrics.Persisted(operation, start);
        }
    }

    private sealed class MeteredDurableState(IDurableStateStore inner, HostMetrics metrics) : IDurableStateStore
    {
        public Task<DurableStateRecord?> GetAsync(string persistenceId, CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "state-read", () => inner.GetAsync(persistenceId, cancellationToken));

        public Task UpsertAsync(string persistenceId, long revision, ReadOnlyMemory<byte> payload, string manifest = "", CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "state-write", () => inner.UpsertAsync(persistenceId, revision, payload, manifest, cancellationToken));

        public Task DeleteAsync(string persistenceId, long revision, CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "state-delete", () => inner.DeleteAsync(persistenceId, revision, cancellationToken));
    }

    private sealed class MeteredJournal(IJournal inner, HostMetrics metrics) : IJournal
    {
        public Task AppendAsync(string persistenceId, IReadOnlyList<JournalEvent> events, CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "journal-append", () => inner.AppendAsync(persistenceId, events, cancellationToken));

        // A replay streams for as long as its reader takes; its time is not the store's.
        public IAsyncEnumerable<JournalEvent> ReplayAsync(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, long max = long.MaxValue, CancellationToken cancellationToken = default) =>
            inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

        public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "journal-read", () => inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken));

        public Task DeleteUpToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "journal-delete", () => inner.DeleteUpToAsync(persistenceId, toSequenceNr, cancellationToken));
    }

    private sealed class MeteredModules(IModuleStore inner, HostMetrics metrics) : IModuleStore
    {
        public Task<ModuleTag> PutAsync(string name, string version, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "module-write", () => inner.PutAsync(name, version, bytes, cancellationToken));

        public Task<byte[]?> GetAsync(string hash, CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "module-read", () => inner.GetAsync(hash, cancellationToken));

        public Task<ModuleTag?> ResolveAsync(string name, string? version = null, CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "module-read", () => inner.ResolveAsync(name, version, cancellationToken));

        public Task<IReadOnlyList<ModuleTag>> ListAsync(CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "module-read", () => inner.ListAsync(cancellationToken));
    }

    private sealed class MeteredWorlds(IWorldList inner, HostMetrics metrics) : IWorldList
    {
        public Task<bool> TryAddAsync(StoredWorld world, CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "world-write", () => inner.TryAddAsync(world, cancellationToken));

        public Task<IReadOnlyList<StoredWorld>> ListAsync(CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "world-read", () => inner.ListAsync(cancellationToken));

        public Task<StoredWorld?> FindAsync(string id, CancellationToken cancellationToken = default) =>
            TimeAsync(metrics, "world-read", () => inner.FindAsync(id, cancellationToken));
    }
}
