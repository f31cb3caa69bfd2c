using Akka.Actor;

namespace WasGo.Persistence;

/// <summary>
/// An event-sourced actor in Akka's shape: commands decide, <see cref="Persist{TEvent}"/> stores
/// events in the journal and then applies them, and after a restart or a move the actor replays
/// its snapshot and events through its <see cref="Recover{T}"/> handlers.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActorBase
{
    private readonly List<Func<object, bool>> _recoveries = [];
    private readonly List<(object Event, Action<object> Handler)> _pending = [];

    /// <summary>Initializes the actor.</summary>
    /// <param name="persistence">The system's stores, serializer and recovery limit.</param>
    protected ReceivePersistentActor(PersistenceExtension persistence)
        : base(persistence)
    {
    }

    /// <summary>Gets the sequence number of the last event persisted or replayed.</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>Gets the sequence number of the snapshot recovery started from (0 for none).</summary>
    public long SnapshotSequenceNr { get; private set; }

    /// <summary>Gets which snapshot recovery starts from; override to recover without one (<see cref="SnapshotSelectionCriteria.None"/>).</summary>
    protected virtual SnapshotSelectionCriteria RecoverySnapshot => SnapshotSelectionCriteria.Latest;

    /// <summary>Handles, during recovery, a replayed event, a <see cref="SnapshotOffer"/> or <see cref="RecoveryCompleted"/>.</summary>
    /// <typeparam name="T">The type handled.</typeparam>
    /// <param name="handler">The handler; it must only change state (no side effects: it runs again on every recovery).</param>
    protected void Recover<T>(Action<T> handler) => _recoveries.Add(Handler(handler));

    /// <summary>
    /// Stores <paramref name="event"/> after the current command, then calls <paramref name="handler"/>
    /// with it. Later commands wait until then; <see cref="ActorBase.Sender"/> is still the command's sender in the handler.
    /// A failed write fails the actor (its supervisor restarts it, and it recovers what was stored).
    /// </summary>
    /// <typeparam name="TEvent">The event type, registered with the serializer.</typeparam>
    /// <param name="event">The event.</param>
    /// <param name="handler">Applies the event to the state, and may reply.</param>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(handler);
        _pending.Add((@event, e => handler((TEvent)e)));
    }

    /// <summary>Stores several events atomically after the current command, then calls the handler for each in order.</summary>
    /// <typeparam name="TEvent">The event type, registered with the serializer.</typeparam>
    /// <param name="events">The events.</param>
    /// <param name="handler">Applies each event.</param>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (TEvent e in events)
        {
            Persist(e, handler);
        }
    }

    /// <summary>Stores a snapshot of the state at <see cref="LastSequenceNr"/>; a <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/> follows as a command.</summary>
    /// <param name="snapshot">The state, of a type registered with the serializer.</param>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, Context.System.Scheduler.Now);
        (byte[] bytes, string manifest) = Persistence.Serializer.Serialize(snapshot);
        _ = SaveAndReportAsync(Persistence.Provider.Snapshots.SaveAsync(metadata, bytes, manifest), Self, metadata);

        static async Task SaveAndReportAsync(Task save, IActorRef self, SnapshotMetadata metadata)
        {
            try
            {
                await save.ConfigureAwait(false);
                self.Tell(new SaveSnapshotSuccess(metadata));
            }
            catch (Exception cause)
            {
                self.Tell(new SaveSnapshotFailure(metadata, cause));
            }
        }
    }

    /// <summary>Deletes the stored events up to <paramref name="toSequenceNr"/> (typically those a snapshot covers).</summary>
    /// <param name="toSequenceNr">The last sequence number deleted.</param>
    /// <returns>A task that completes when they are deleted.</returns>
    protected Task DeleteMessagesAsync(long toSequenceNr) => Persistence.Provider.Journal.DeleteUpToAsync(PersistenceId, toSequenceNr);

    private protected override async Task RecoverAsync(CancellationToken cancellationToken)
    {
        SelectedSnapshot? snapshot = await Persistence.Provider.Snapshots.LoadAsync(PersistenceId, RecoverySnapshot, cancellationToken).ConfigureAwait(true);
        if (snapshot is not null)
        {
            object state = Persistence.Serializer.Deserialize(snapshot.Payload, snapshot.Manifest);
            Replay(new SnapshotOffer(snapshot.Metadata, state));
            SnapshotSequenceNr = LastSequenceNr = snapshot.Metadata.SequenceNr;
        }

        await foreach (JournalEvent stored in Persistence.Provider.Journal.ReplayAsync(PersistenceId, LastSequenceNr + 1, cancellationToken: cancellationToken).ConfigureAwait(true))
        {
            Replay(Persistence.Serializer.Deserialize(stored.Payload, stored.Manifest));
            LastSequenceNr = stored.SequenceNr;
        }

        // Events may have been deleted after a snapshot: continue numbering after the highest ever written.
        LastSequenceNr = Math.Max(LastSequenceNr, await Persistence.Provider.Journal.ReadHighestSequenceNrAsync(PersistenceId, cancellationToken).ConfigureAwait(true));
        Replay(RecoveryCompleted.Instance);
    }

    private protected override async Task FlushAsync()
    {
        while (_pending.Count > 0)
        {
            (object Event, Action<object> Handler)[] batch = [.. _pending];
            _pending.Clear();
            var events = new JournalEvent[batch.Length];
            for (int i = 0; i < batch.Length; i++)
            {
                (byte[] bytes, string manifest) = Persistence.Serializer.Serialize(batch[i].Event);
                events[i] = new JournalEvent(LastSequenceNr + 1 + i, bytes, manifest);
            }

            await Persistence.Provider.Journal.AppendAsync(PersistenceId, events).ConfigureAwait(true);
            foreach ((object e, Action<object> handler) in batch)
            {
                LastSequenceNr++;
                handler(e);
            }
        }
    }

    private void Replay(object message)
    {
        if (!_recoveries.Exists(handle => handle(message)) && message is not (RecoveryCompleted or SnapshotOffer))
        {
            throw new InvalidOperationException($"{GetType().Name} ({PersistenceId}) has no Recover handler for a stored {message.GetType().Name}; add Recover<{message.GetType().Name}>.");
        }
    }
}
