using System.Text.Json;
using WasGo.Host.Hosting;
using WasGo.Persistence;

namespace WasGo.Host.Worlds;

/// <summary>
/// The records of every world, one durable-state row read and written whole. Each write is fenced by
/// the revision it read, so that cluster nodes creating worlds at the same moment never lose one:
/// the loser reads again and retries.
/// </summary>
internal sealed class WorldRecords(StorageHostedService storage)
{
    /// <summary>The durable-state id of the row.</summary>
    public const string RowId = "wasgo-host/worlds";

    private const string Manifest = "wasgo-worlds-v1";

    public async Task<IReadOnlyList<WorldRecord>> LoadAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Records;

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
        return stored is null ? ([], 0) : (JsonSerializer.Deserialize<List<WorldRecord>>(stored.Payload.Span) ?? [], stored.Revision);
    }
}
