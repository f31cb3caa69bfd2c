using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Mailboxes;

public sealed class BoundedMailboxTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task DropNewest_Should_KeepTheFirstMessages_AndPublishTheRestAsDropped()
    {
        TestProbe dropped = CreateTestProbe();
        Sys.EventStream.Subscribe<Dropped>(dropped);
        (IActorRef actor, Gate gate) = await BlockedActorAsync(MailboxOverflowStrategy.DropNewest, capacity: 3);

        for (int i = 1; i <= 5; i++)
        {
            actor.Tell(i, TestActor);
        }

        IReadOnlyList<object> drops = await dropped.ReceiveNAsync(2);
        drops.Cast<Dropped>().Select(d => d.Message).Should().Equal(4, 5);
        drops.Cast<Dropped>().Should().OnlyContain(d => d.Recipient.Equals(actor) && d.Sender!.Equals(TestActor) && d.Reason.Contains("full", StringComparison.Ordinal));
        gate.Open();
        (await TestActor.ReceiveNAsync(3)).Should().Equal(1, 2, 3);
        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task DropOldest_Should_KeepTheLastMessages_AndPublishTheOldestAsDropped()
    {
        TestProbe dropped = CreateTestProbe();
        Sys.EventStream.Subscribe<Dropped>(dropped);
        (IActorRef actor, Gate gate) = await BlockedActorAsync(MailboxOverflowStrategy.DropOldest, capacity: 3);

        for (int i = 1; i <= 5; i++)
        {
            actor.Tell(i, TestActor);
        }

        (await dropped.ReceiveNAsync(2)).Cast<Dropped>().Select(d => d.Message).Should().Equal(1, 2);
        gate.Open();
        (await TestActor.ReceiveNAsync(3)).Should().Equal(3, 4, 5);
        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task BoundedMailbox_Should_AccountForEveryMessage_UnderConcurrentSenders()
    {
        const int Capacity = 100;
        const int Threads = 8;
        const int PerThread = 1_000;
        var drops = new DropCounter();
        IActorRef counter = Sys.ActorOf(Props.Create(() => new CountingSubscriber(drops)));
        Sys.EventStream.Subscribe<Dropped>(counter);
        (IActorRef actor, Gate gate) = await BlockedActorAsync(MailboxOverflowStrategy.DropOldest, Capacity);

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                actor.Tell(t * PerThread + i, TestActor);
            }
        });

        await AwaitConditionAsync(() => drops.Count == Threads * PerThread - Capacity, Timeouts.Long);
        gate.Open();
        IReadOnlyList<object> survivors = await TestActor.ReceiveNAsync(Capacity, Timeouts.Long);
        survivors.Should().OnlyHaveUniqueItems();
        await TestActor.ExpectNoMsgAsync();
        drops.Count.Should().Be(Threads * PerThread - Capacity);
    }

    [Fact]
    public async Task AFullBoundedMailbox_Should_StillTakeSystemMessages_SoTheActorCanStop()
    {
        TestProbe letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters);
        (IActorRef actor, Gate gate) = await BlockedActorAsync(MailboxOverflowStrategy.DropNewest, capacity: 2);
        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("c"); // dropped
        TestActor.Watch(actor);

        Sys.Stop(actor);
        gate.Open();

        await TestActor.ExpectTerminatedAsync(actor);
        (await letters.ReceiveNAsync(2)).Cast<DeadLetter>().Select(d => d.Message).Should().Equal("a", "b");
    }

    [Fact]
    public void Bounded_Should_RejectACapacityOutOfRange()
    {
        FluentActions.Invoking(() => MailboxOptions.Bounded(0, MailboxOverflowStrategy.DropNewest)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => MailboxOptions.Bounded(MailboxOptions.MaxCapacity + 1, MailboxOverflowStrategy.DropNewest)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => MailboxOptions.Bounded(1, (MailboxOverflowStrategy)7)).Should().Throw<ArgumentOutOfRangeException>();
        MailboxOptions.Bounded(5, MailboxOverflowStrategy.DropOldest).Capacity.Should().Be(5);
        MailboxOptions.Unbounded.Capacity.Should().BeNull();
    }

    /// <summary>An actor with a bounded mailbox, held inside a handler so that what is sent next only queues.</summary>
    private async Task<(IActorRef Actor, Gate Gate)> BlockedActorAsync(MailboxOverflowStrategy overflow, int capacity)
    {
        var gate = new Gate();
        IActorRef actor = Sys.ActorOf(Props.Create(() => new GateActor(gate)).WithMailbox(MailboxOptions.Bounded(capacity, overflow)));
        actor.Tell(new Hold());
        await gate.Entered.WaitAsync(Timeouts.Long);
        return (actor, gate);
    }

    private sealed record Hold;

    private sealed class DropCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class GateActor : ReceiveActor
    {
        public GateActor(Gate gate)
        {
            ReceiveAsync<Hold>(_ => gate.EnterAndWaitAsync());
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    private sealed class CountingSubscriber : ReceiveActor
    {
        public CountingSubscriber(DropCounter drops) => Receive<Dropped>(_ => drops.Add());
    }
}
