using System.Text.Json;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using WasGo.Actors.Logging;
using WasGo.Persistence;

namespace WasGo.Cluster;

/// <summary>
/// A sharded entity whose every message takes effect exactly once: it reads its state on its first
/// message, computes the new state and the reply, writes both together with the ids of the
/// latest messages in one write fenced by revision, and only then replies (which acknowledges the
/// message to the broker). A redelivered message is answered with its stored reply and no effect.
/// A write refused by its revision means another node owns the entity now: the entity stops without
/// replying, and its shard gives its messages back to the queue.
/// </summary>
/// <typeparam name="TState">The state, serialized as JSON.</typeparam>
public abstract class DurableEntityActor<TState> : ReceiveActor
{
    private ILogger Log { get; } = Context.System.LoggerFactory().CreateLogger("WasGo.Cluster.DurableEntityActor");


    /// <summary>How many applied message ids an entity keeps by default.</summary>
    public const int DefaultRecentMessages = 100;

    private static readonly TimeSpan WriteRetryDelay = TimeSpan.FromMilliseconds(250);
    private readonly IDurableStateStore _store;
    private readonly PersistenceSerializer _serializer;
    private readonly int _recentLimit;
    private readonly TimeSpan _writeRetryLimit;
    private List<RecentMessage> _recent = [];
    private long _revision;
    private bool _loaded;
    private TState? _state;

    /// <summary>Initializes the entity.</summary>
    /// <param name="store">The cluster's durable state store (PostgreSQL).</param>
    /// <param name="serializer">Serializes the replies kept for redeliveries; every reply type must be registered on it.</param>
    /// <param name="persistenceId">The entity's row, e.g. its type name and id.</param>
    /// <param name="recentMessages">How many applied message ids to keep: a redelivery older than that would take effect again.</param>
    /// <param name="writeRetryLimit">How long to retry a write while the database is away before giving the shard up; 30 s if <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="recentMessages"/> is less than 1.</exception>
    protected DurableEntityActor(IDurableStateStore store, PersistenceSerializer serializer, string persistenceId, int recentMessages = DefaultRecentMessages, TimeSpan? writeRetryLimit = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(recentMessages, 1);
        _store = store;
        _serializer = serializer;
        PersistenceId = persistenceId;
        _recentLimit = recentMessages;
        _writeRetryLimit = writeRetryLimit ?? TimeSpan.FromSeconds(30);
        ReceiveAsync<object>(OnMessageAsync);
    }

    /// <summary>Gets the entity's row id.</summary>
    protected string PersistenceId { get; }

    /// <summary>Gets the state of a new entity.</summary>
    protected abstract TState InitialState { get; }

    /// <summary>Computes the effect of a message: the new state and the reply. It must not have other effects, since a refused write discards it.</summary>
    /// <param name="state">The current state.</param>
    /// <param name="message">The message.</param>
    /// <returns>The new state and the reply (a registered type).</returns>
    protected abstract (TState State, object Reply) Handle(TState state, object message);

    private async Task OnMessageAsync(object message)
    {
        IActorRef replyTo = Sender;
        Guid messageId = ShardDelivery.MessageIdOf(replyTo) ?? Guid.NewGuid();
        if (!_loaded && !await TryWithRetriesAsync(LoadAsync).ConfigureAwait(true))
        {
            Context.Stop(Self);
            return;
        }

        RecentMessage? applied = _recent.Find(r => r.Id == messageId);
        if (applied is not null)
        {
            replyTo.Tell(_serializer.Deserialize(applied.Reply, applied.Manifest));
            return;
        }

        TState state;
        object reply;
        List<RecentMessage> recent;
        byte[] row;
        try
        {
            (state, reply) = Handle(_state!, message);
            (byte[] replyBytes, string manifest) = _serializer.Serialize(reply);
            recent = [.. _recent.Skip(Math.Max(0, _recent.Count + 1 - _recentLimit)), new RecentMessage(messageId, manifest, replyBytes)];
            row = JsonSerializer.SerializeToUtf8Bytes(new DurableEntityRecord<TState>(state, recent));
        }
        catch (Exception e)
        {
            // A message this entity cannot handle would fail the same way on every redelivery: it is
            // answered with the failure (which acknowledges it) and nothing changes.
            Log.LogEntityHandlerFailed(e, PersistenceId, message.GetType().Name);
            replyTo.Tell(new Status.Failure(e));
            return;
        }

        long revision = _revision + 1;
        if (!await TryWithRetriesAsync(() => _store.UpsertAsync(PersistenceId, revision, row)).ConfigureAwait(true))
        {
            Context.Stop(Self);
            return;
        }

        _revision++;
        _state = state;
        _recent = recent;
        replyTo.Tell(reply);
    }

    private async Task LoadAsync()
    {
        DurableStateRecord? record = await _store.GetAsync(PersistenceId).ConfigureAwait(true);
        if (record is null)
        {
            _state = InitialState;
        }
        else
        {
            DurableEntityRecord<TState> stored = JsonSerializer.Deserialize<DurableEntityRecord<TState>>(record.Payload.Span)
                ?? throw new InvalidOperationException($"The stored state of '{PersistenceId}' is JSON null.");
            _state = stored.State;
            _recent = [.. stored.Recent];
            _revision = record.Revision;
        }

        _loaded = true;
    }

    /// <returns>Whether the read or write happened; <see langword="false"/> when it was refused (fenced) or the database stayed away.</returns>
    /// <remarks>
    /// Runs outside the actor's context, and logs there: a fenced write is logged even when the
    /// actor was stopped while it waited (its shard moved on), which Akka would not resume it after.
    /// </remarks>
    private Task<bool> TryWithRetriesAsync(Func<Task> operation) =>
        TryWithRetriesAsync(operation, PersistenceId, _revision + 1, _writeRetryLimit, Log);

    private static async Task<bool> TryWithRetriesAsync(Func<Task> operation, string persistenceId, long revision, TimeSpan retryLimit, ILogger log)
    {
        long started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                await operation().ConfigureAwait(false);
                return true;
            }
            catch (DurableStateConcurrencyException e)
            {
                // Another node wrote this entity after we read it: it owns it now. This one stops and
                // its unanswered messages go back to the queue (a retry of an ambiguous write of ours lands here too).
                log.LogEntityFenced(persistenceId, revision, e.Message);
                return false;
            }
            catch (Exception e) when (TimeProvider.System.GetElapsedTime(started) < retryLimit)
            {
                log.LogEntityWriteRetry(persistenceId, e.Message);
                await Task.Delay(WriteRetryDelay).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                log.LogEntityWriteGaveUp(persistenceId, retryLimit, e.Message);
                return false;
            }
        }
    }
}
