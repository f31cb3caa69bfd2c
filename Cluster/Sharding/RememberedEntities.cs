using System.Text.Json;
using Akka.Actor;
using WasGo.Persistence;

namespace WasGo.Cluster;

/// <summary>
/// The ids of a shard's running entities, kept in the durable state store so that wherever the shard
/// moves its entities start again (Akka's remember-entities). Writes are coalesced: one in flight,
/// then the latest set; a refused write (another owner wrote) reads the set again and merges.
/// </summary>
/// <remarks>Used from its shard actor only; results come back to it as messages.</remarks>
internal sealed class RememberedEntities(IDurableStateStore store, string persistenceId)
{
    private const int MaxLoadAttempts = 120;
    private static readonly TimeSpan LoadRetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private long _revision;
    private bool _loaded;
    private bool _writing;
    private bool _dirty;

    public void Load(IActorRef shard) => LoadAsync().PipeTo(shard);

    public void Loaded(RememberedEntitiesLoaded loaded, IActorRef shard)
    {
        _ids.UnionWith(loaded.EntityIds);
        _revision = loaded.Revision;
        _loaded = true;
        WriteIfIdle(shard); // entities started before the set came back are in it only in memory so far
    }

    public void Add(string entityId, IActorRef shard)
    {
        _dirty |= _ids.Add(entityId);
        WriteIfIdle(shard);
    }

    public void Remove(string entityId, IActorRef shard)
    {
        _dirty |= _ids.Remove(entityId);
        WriteIfIdle(shard);
    }

    public void Written(RememberedEntitiesWritten written, IActorRef shard)
    {
        _writing = false;
        if (written.Refused)
        {
            _loaded = false;
            _dirty = true;
            Load(shard);
            return;
        }

        if (written.Failed)
        {
            // The database is away: the whole set is written again (the failed write waited a moment first).
            _dirty = true;
            WriteIfIdle(shard);
            return;
        }

        _revision = written.Revision;
        WriteIfIdle(shard);
    }

    private void WriteIfIdle(IActorRef shard)
    {
        if (!_loaded || _writing || !_dirty)
        {
            return;
        }

        _writing = true;
        _dirty = false;
        WriteAsync(_revision + 1, JsonSerializer.SerializeToUtf8Bytes(_ids.Order(StringComparer.Ordinal).ToArray())).PipeTo(shard);
    }

    private async Task<RememberedEntitiesLoaded> LoadAsync()
    {
        // The database may be restarting: keep trying for a while, since without the set the
        // shard's entities would not come back.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                DurableStateRecord? record = await store.GetAsync(persistenceId).ConfigureAwait(false);
                return record is null
                    ? new RememberedEntitiesLoaded([], 0)
                    : new RememberedEntitiesLoaded(JsonSerializer.Deserialize<string[]>(record.Payload.Span) ?? [], record.Revision);
            }
            catch (Exception) when (attempt < MaxLoadAttempts)
            {
                await Task.Delay(LoadRetryDelay).ConfigureAwait(false);
            }
        }
    }

    private async Task<RememberedEntitiesWritten> WriteAsync(long revision, byte[] payload)
    {
        try
        {
            await store.UpsertAsync(persistenceId, revision, payload).ConfigureAwait(false);
            return new RememberedEntitiesWritten(revision, Refused: false, Failed: false);
        }
        catch (DurableStateConcurrencyException)
        {
            return new RememberedEntitiesWritten(revision, Refused: true, Failed: false);
        }
        catch (Exception)
        {
            await Task.Delay(LoadRetryDelay).ConfigureAwait(false); // so that a retry does not spin while the database is away
            return new RememberedEntitiesWritten(revision, Refused: false, Failed: true);
        }
    }
}
