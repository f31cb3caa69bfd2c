using Akka.Actor;
using Akka.TestKit;
using FluentAssertions;
using Xunit.Abstractions;

namespace WasGo.Persistence.Tests.Actors;

public sealed class PersistentActorTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();
    private IPersistenceProvider _provider = null!;
    private PersistenceExtension _persistence = null!;

    public async Task InitializeAsync()
    {
        _provider = await SqlitePersistence.OpenAsync(new SqlitePersistenceOptions { DataSource = Path.Combine(_folder.Path, "actors.db") });
        _persistence = new PersistenceExtension(_provider, Serializer());
    }

    public async Task DisposeAsync()
    {
        try
        {
            // xunit calls this before the kit's Dispose: stop every actor before their stores close, and fail the test if one is stuck.
            await ShutdownAsync(verifySystemShutdown: true);
        }
        finally
        {
            _persistence.Dispose();
            await _provider.DisposeAsync();
            _folder.Dispose();
        }
    }

    [Fact]
    public async Task EventSourcedActor_Should_RecoverItsStateFromTheJournal_InANewIncarnation()
    {
        IActorRef first = Sys.ActorOf(Props.Create(() => new EventSourcedCounter(_persistence, "counter-a")));
        foreach (int amount in new[] { 1, 2, 3, 4 })
        {
            first.Tell(new Increment(amount), TestActor);
        }

        (await ReceiveNAsync(4).ToListAsync()).Cast<Total>().Select(t => t.Value).Should().Equal(1, 3, 6, 10);
        await StopAsync(first);

        IActorRef second = Sys.ActorOf(Props.Create(() => new EventSourcedCounter(_persistence, "counter-a")));
        Total recovered = await second.Ask<Total>(new GetTotal(), TimeSpan.FromSeconds(5));

        recovered.Should().Be(new Total(10, 4, 4, false));
        (await second.Ask<Total>(new Increment(5), TimeSpan.FromSeconds(5))).Should().Be(new Total(15, 5, 4, false));
    }

    [Fact]
    public async Task Commands_Should_WaitWhileEventsAreWritten_SoEveryEventGetsTheNextNumber()
    {
        IActorRef counter = Sys.ActorOf(Props.Create(() => new EventSourcedCounter(_persistence, "counter-b")));
        for (int i = 0; i < 200; i++)
        {
            counter.Tell(new Increment(1), TestActor);
        }

        Total total = await counter.Ask<Total>(new GetTotal(), TimeSpan.FromSeconds(10));

        total.Value.Should().Be(200);
        total.SequenceNr.Should().Be(200);
        (await ReceiveNAsync(200).ToListAsync()).Cast<Total>().Select(t => t.SequenceNr).Should().Equal(Enumerable.Range(1, 200).Select(i => (long)i));
        (await _provider.Journal.ReadHighestSequenceNrAsync("counter-b")).Should().Be(200);
    }

    [Fact]
    public async Task Recovery_Should_StartFromTheLatestSnapshot_AndReplayOnlyLaterEvents()
    {
        IActorRef first = Sys.ActorOf(Props.Create(() => new EventSourcedCounter(_persistence, "counter-c")));
        for (int i = 0; i < 10; i++)
        {
            await first.Ask<Total>(new Increment(1), TimeSpan.FromSeconds(5));
        }

        first.Tell(new TakeSnapshot(), TestActor);
        (await ExpectMsgAsync<SaveSnapshotSuccess>()).Metadata.SequenceNr.Should().Be(10);
        for (int i = 0; i < 3; i++)
        {
            await first.Ask<Total>(new Increment(100), TimeSpan.FromSeconds(5));
        }

        await StopAsync(first);

        IActorRef second = Sys.ActorOf(Props.Create(() => new EventSourcedCounter(_persistence, "counter-c")));
        (await second.Ask<Total>(new GetTotal(), TimeSpan.FromSeconds(5))).Should().Be(new Total(310, 13, 3, true));
    }

    [Fact]
    public async Task DurableStateActor_Should_StoreEachNewState_AndRecoverIt()
    {
        IActorRef first = Sys.ActorOf(Props.Create(() => new DurableCounter(_persistence, "durable-a")));
        (await first.Ask<Total>(new Increment(5), TimeSpan.FromSeconds(5))).Should().Be(new Total(5, 1, 0, false));
        (await first.Ask<Total>(new Increment(6), TimeSpan.FromSeconds(5))).Should().Be(new Total(11, 2, 0, false));
        await StopAsync(first);

        IActorRef second = Sys.ActorOf(Props.Create(() => new DurableCounter(_persistence, "durable-a")));
        (await second.Ask<Total>(new GetTotal(), TimeSpan.FromSeconds(5))).Should().Be(new Total(11, 2, 0, false));
        (await _provider.DurableState.GetAsync("durable-a"))!.Revision.Should().Be(2);
    }

    [Fact]
    public async Task DurableStateActor_Should_NotOverwriteNewerState_WhenAnotherOwnerWroteFirst()
    {
        // Two incarnations of one entity, as on two nodes after a fail-over: both recover revision 0.
        IActorRef zombie = Sys.ActorOf(Props.Create(() => new DurableCounter(_persistence, "durable-b")));
        IActorRef owner = Sys.ActorOf(Props.Create(() => new DurableCounter(_persistence, "durable-b")));
        await zombie.Ask<Total>(new GetTotal(), TimeSpan.FromSeconds(5));
        await owner.Ask<Total>(new GetTotal(), TimeSpan.FromSeconds(5));

        (await owner.Ask<Total>(new Increment(100), TimeSpan.FromSeconds(5))).Value.Should().Be(100);
        Func<Task> lateWrite = () => zombie.Ask<Total>(new Increment(1), TimeSpan.FromMilliseconds(500));

        await lateWrite.Should().ThrowAsync<AskTimeoutException>("the zombie's write is refused and it fails instead of replying");
        DurableStateRecord stored = (await _provider.DurableState.GetAsync("durable-b"))!;
        stored.Revision.Should().Be(1);
        ((CounterState)_persistence.Serializer.Deserialize(stored.Payload, stored.Manifest)).Value.Should().Be(100);

        // Restarted by its supervisor, the zombie recovers the owner's state before its next command.
        (await zombie.Ask<Total>(new GetTotal(), TimeSpan.FromSeconds(5))).Should().Be(new Total(100, 1, 0, false));
    }

    [Fact]
    public async Task Recovery_Should_NeverRunMoreActorsAtOnceThanTheLimit()
    {
        var gated = new GatedSnapshotProvider(_provider);
        using var limited = new PersistenceExtension(gated, Serializer(), maxConcurrentRecoveries: 2);
        var actors = Enumerable.Range(0, 8)
            .Select(i => Sys.ActorOf(Props.Create(() => new EventSourcedCounter(limited, "limited-" + i))))
            .ToList();

        await AwaitConditionAsync(() => gated.Waiting == 2);
        await Task.Delay(Dilated(TimeSpan.FromMilliseconds(200)));
        gated.Waiting.Should().Be(2);
        limited.RecoveriesInProgress.Should().Be(2);

        gated.Open();
        foreach (IActorRef actor in actors)
        {
            (await actor.Ask<Total>(new GetTotal(), TimeSpan.FromSeconds(5))).Value.Should().Be(0);
        }

        gated.MaxSeen.Should().Be(2);
    }

    private static PersistenceSerializer Serializer() => new PersistenceSerializer()
        .RegisterJson<Incremented>("incremented")
        .RegisterJson<CounterSnapshot>("counter-snapshot")
        .RegisterJson<CounterState>("counter-state");

    private async Task StopAsync(IActorRef actor)
    {
        TestProbe watcher = CreateTestProbe();
        watcher.Watch(actor);
        Sys.Stop(actor);
        await watcher.ExpectTerminatedAsync(actor);
    }
}
