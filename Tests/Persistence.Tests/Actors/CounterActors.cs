using Akka.Actor;

namespace WasGo.Persistence.Tests.Actors;

public sealed record Increment(int Amount);

public sealed record Incremented(int Amount);

public sealed record GetTotal;

public sealed record Total(int Value, long SequenceNr, int ReplayedEvents, bool FromSnapshot);

public sealed record TakeSnapshot;

public sealed record CounterSnapshot(int Value);

public sealed record CounterState(int Value);

/// <summary>An event-sourced counter: each increment is an event; it can snapshot itself.</summary>
public sealed class EventSourcedCounter : ReceivePersistentActor
{
    private readonly string _id;
    private int _total;
    private int _replayed;
    private bool _fromSnapshot;
    private IActorRef? _snapshotRequester;

    public EventSourcedCounter(PersistenceExtension persistence, string id)
        : base(persistence)
    {
        _id = id;
        Recover<SnapshotOffer>(offer =>
        {
            _total = ((CounterSnapshot)offer.Snapshot).Value;
            _fromSnapshot = true;
        });
        Recover<Incremented>(e =>
        {
            _total += e.Amount;
            _replayed++;
        });
        Command<Increment>(command => Persist(new Incremented(command.Amount), e =>
        {
            _total += e.Amount;
            Sender.Tell(new Total(_total, LastSequenceNr, _replayed, _fromSnapshot));
        }));
        Command<GetTotal>(_ => Sender.Tell(new Total(_total, LastSequenceNr, _replayed, _fromSnapshot)));
        Command<TakeSnapshot>(_ =>
        {
            _snapshotRequester = Sender;
            SaveSnapshot(new CounterSnapshot(_total));
        });
        Command<SaveSnapshotSuccess>(success => _snapshotRequester?.Tell(success));
    }

    public override string PersistenceId => _id;
}

/// <summary>A counter whose whole state is one durable row.</summary>
public sealed class DurableCounter : DurableStateActor<CounterState>
{
    private readonly string _id;

    public DurableCounter(PersistenceExtension persistence, string id)
        : base(persistence)
    {
        _id = id;
        Command<Increment>(command =>
        {
            IActorRef sender = Sender;
            Persist(new CounterState(State.Value + command.Amount), () => sender.Tell(new Total(State.Value, Revision, 0, false)));
        });
        Command<GetTotal>(_ => Sender.Tell(new Total(State.Value, Revision, 0, false)));
    }

    public override string PersistenceId => _id;

    protected override CounterState InitialState => new(0);
}
