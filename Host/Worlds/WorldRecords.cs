using WasGo.Host.Hosting;
using WasGo.Persistence;

namespace WasGo.Host.Worlds;

/// <summary>
/// The records of every world: the store's world list (<see cref="IWorldList"/>), a row each. A
/// world's id is its row's key, so of cluster nodes creating the same world at the same moment
/// exactly one succeeds. A record never changes once written (a world's later tick rates are inputs
/// in its journal).
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class WorldRecords(StorageHostedService storage)
{
    /// <summary>Reads every world's record, by id.</summary>
    public async Task<IReadOnlyList<WorldRecord>> LoadAsync(CancellationToken cancellationToken) =>
        [.. (await storage.Store.Worlds.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ToRecord)];

    /// <summary>Finds a world's record, or null if there is none.</summary>
    public async Task<WorldRecord?> FindAsync(string worldId, CancellationToken cancellationToken) =>
        await storage.Store.Worlds.FindAsync(worldId, cancellationToken).ConfigureAwait(false) is { } stored ? ToRecord(stored) : null;

    /// <summary>Adds a world's record.</summary>
    /// <exception cref="InvalidOperationException">A world with that id exists.</exception>
    public async Task AddAsync(WorldRecord record, CancellationToken cancellationToken)
    {
        var stored = new StoredWorld(record.Id, record.TickRate, record.TokenHash, record.CreatedAt);
        if (!await storage.Store.Worlds.TryAddAsync(stored, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"A world '{record.Id}' exists already; pick another id.");
        }
    }

    private static WorldRecord ToRecord(StoredWorld stored) => new(stored.Id, stored.TickRate, stored.TokenHash, stored.CreatedAt);
}
