using System.Text.Json;
using WasGo.Host.Hosting;
using WasGo.Persistence;

namespace WasGo.Host.Worlds;

/// <summary>
/// The records of every world, one durable-state row read and written whole. Each write is fenced by
/// the revision it read, so that cluster nodes creating worlds at the same moment never lose one:
/// the loser reads again and retries. A record never changes once written (a world's later tick
/// rates are inputs in its journal), so the last read also answers lookups of the worlds it had.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class WorldRecords(StorageHostedService storage)
{
    /// <summary>The durable-state id of the row.</summary>
    public const string RowId = "wasgo-host/worlds";

    private const string Manifest = "wasgo-worlds-v1";

    private volatile IReadOnlyList<WorldRecord> _lastRead = [];

    public async Task<IReadOnlyList<WorldRecord>> LoadAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Records;

    /// <summary>Finds a world's record, reading the row only when the last read did not have it.</summary>
    public async Task<WorldRecord?> FindAsync(string worldId, CancellationToken cancellationToken) =>
        Find(_lastRead, worldId) ?? Find(await LoadAsync(cancellationToken).ConfigureAwait(false), worldId);

    /// <summary>Adds a world's record.</summary>
    /// <exception cref="InvalidOperationException">A world with that id exists.</exception>
    public async Task AddAsync(WorldRecord record, CancellationToken cancellationToken)
    {
        while (true)
        {
            (List<WorldRecord> records, long revision) = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (records.Exists(r => r.Id == record.Id))
            {
                throw new InvalidOperationException($"A world '{record.Id}' exists already; pick another id.");
            }

            try
            {
                await storage.Store.DurableState.UpsertAsync(RowId, revision + 1, JsonSerializer.SerializeToUtf8Bytes<List<WorldRecord>>([.. records, record]), Manifest, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DurableStateConcurrencyException)
            {
                // Another node added a world since the read: read its version and try again.
            }
        }
    }

    private async Task<(List<WorldRecord> Records, long Revision)> ReadAsync(CancellationToken cancellationToken)
    {
        DurableStateRecord? stored = await storage.Store.DurableState.GetAsync(RowId, cancellationToken).ConfigureAwait(false);
        List<WorldRecord> records = stored is null ? [] : JsonSerializer.Deserialize<List<WorldRecord>>(stored.Payload.Span) ?? [];
        _lastRead = records;
        return (records, stored?.Revision ?? 0);
    }

    private static WorldRecord? Find(IReadOnlyList<WorldRecord> records, string worldId) => records.FirstOrDefault(r => r.Id == worldId);
}
