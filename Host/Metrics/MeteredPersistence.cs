using System.Diagnostics;
using WasGo.Persistence;

namespace WasGo.Host.Metrics;

/// <summary>The host's store with its operations timed into <c>wasgo.persistence.duration</c>; the stores themselves know nothing of meters.</summary>
internal sealed class MeteredPersistence(IPersistenceProvider inner, HostMetrics metrics) : IPersistenceProvider
{
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
