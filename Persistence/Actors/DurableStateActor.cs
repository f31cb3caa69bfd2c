namespace WasGo.Persistence;

/// <summary>
/// An actor whose whole state is one stored row (Akka's durable state): it loads the row before its
/// first command, and <see cref="Persist"/> writes a new state at the next revision before the next
/// command runs. A write refused for a stale revision (another node took the entity over) fails the
/// actor, which is what keeps two owners from both writing.
/// </summary>
/// <typeparam name="TState">The state type, registered with the serializer.</typeparam>
public abstract class DurableStateActor<TState> : PersistentActorBase
    where TState : class
{
    private (TState State, Action? Then)? _pending;

    /// <summary>Initializes the actor.</summary>
    /// <param name="persistence">The system's stores, serializer and recovery limit.</param>
    protected DurableStateActor(PersistenceExtension persistence)
        : base(persistence)
    {
    }

    /// <summary>Gets the current state: the stored one after recovery, or <see cref="InitialState"/> if none was stored.</summary>
    protected TState State { get; private set; } = null!;

    /// <summary>Gets the revision of the stored state (0 before the first write).</summary>
    public long Revision { get; private set; }

    /// <summary>Gets the state of an actor that has none stored yet.</summary>
    protected abstract TState InitialState { get; }

    /// <summary>
    /// Stores <paramref name="state"/> as the new state after the current command, then calls
    /// <paramref name="then"/> (to reply, say). The next command waits until then.
    /// </summary>
    /// <param name="state">The new state.</param>
    /// <param name="then">What to do once it is stored.</param>
    protected void Persist(TState state, Action? then = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        _pending = (state, then);
    }

    private protected override async Task RecoverAsync(CancellationToken cancellationToken)
    {
        DurableStateRecord? record = await Persistence.Provider.DurableState.GetAsync(PersistenceId, cancellationToken).ConfigureAwait(true);
        State = record is null ? InitialState : (TState)Persistence.Serializer.Deserialize(record.Payload, record.Manifest);
        Revision = record?.Revision ?? 0;
    }

    private protected override async Task FlushAsync()
    {
        if (_pending is not { } pending)
        {
            return;
        }

        _pending = null;
        (byte[] bytes, string manifest) = Persistence.Serializer.Serialize(pending.State);
        await Persistence.Provider.DurableState.UpsertAsync(PersistenceId, Revision + 1, bytes, manifest).ConfigureAwait(true);
        Revision++;
        State = pending.State;
        pending.Then?.Invoke();
    }
}
