using FluentAssertions;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Behaviors;

public sealed class StashTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task UnstashAll_Should_KeepTheStashedOrder_AndPutStashedBeforeQueuedMessages()
    {
        var gate = new Gate();
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Doorman(TestActor, gate)));

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(3);
        actor.Tell("open");
        await gate.Entered.WaitAsync(Timeouts.Long);
        actor.Tell(4); // queued while the actor waits inside the "open" handler
        actor.Tell(5);
        gate.Open();

        (await TestActor.ReceiveNAsync(5)).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public async Task Unstash_Should_PutBackOnlyTheOldestStashedMessage()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new OneByOne(TestActor)));

        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("c");
        actor.Tell(new TakeOne());

        await TestActor.ExpectMsgAsync("a");
        await TestActor.ExpectNoMsgAsync();
        actor.Tell(new TakeOne());
        await TestActor.ExpectMsgAsync("b");
        actor.Tell(new Count(), TestActor);
        await TestActor.ExpectMsgAsync(1);
    }

    [Fact]
    public async Task Stash_Should_BePutBackIntoTheMailbox_WhenTheActorRestarts()
    {
        var instances = new InstanceCounter();
        IActorRef actor = Sys.ActorOf(Props.Create(() => new StashThenFail(TestActor, instances)));

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell("fail");
        actor.Tell(3);

        (await TestActor.ReceiveNAsync(4)).Should().Equal("restarted", 1, 2, 3);
    }

    [Fact]
    public async Task Stash_Should_GoToDeadLetters_WhenTheActorStops()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Doorman(TestActor, new Gate())));

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(PoisonPill.Instance);

        IReadOnlyList<object> letters = await TestActor.ReceiveNAsync(2);
        letters.Cast<DeadLetter>().Select(d => d.Message).Should().Equal(1, 2);
        letters.Cast<DeadLetter>().Should().OnlyContain(d => d.Recipient.Equals(actor));
    }

    [Fact]
    public async Task ClearStash_Should_DropTheStashedMessagesToDeadLetters()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new OneByOne(TestActor)));

        actor.Tell("x");
        actor.Tell("y");
        actor.Tell(new Clear());
        actor.Tell(new Count(), TestActor);

        (await TestActor.ReceiveNAsync(2)).Cast<DeadLetter>().Select(d => d.Message).Should().Equal("x", "y");
        await TestActor.ExpectMsgAsync(0);
    }

    [Fact]
    public async Task Stash_Should_Throw_WhenNoMessageIsBeingProcessed()
    {
        Sys.ActorOf(Props.Create(() => new StashInPreStart(TestActor)));

        (await TestActor.ExpectMsgAsync<string>()).Should().Contain("Stash() needs a message");
    }

    private sealed record TakeOne;

    private sealed record Clear;

    private sealed record Count;

    private sealed class InstanceCounter
    {
        private int _count;

        public int Next() => Interlocked.Increment(ref _count);
    }

    private sealed class Doorman : ReceiveActor
    {
        public Doorman(IActorRef probe, Gate gate)
        {
            Receive<int>(_ => Stash.Stash());
            ReceiveAsync<string>(async _ =>
            {
                await gate.EnterAndWaitAsync();
                Stash.UnstashAll();
                Become(() => Receive<int>(n => probe.Tell(n)));
            });
        }
    }

    private sealed class OneByOne : ReceiveActor
    {
        public OneByOne(IActorRef probe)
        {
            bool release = false;
            Receive<string>(s =>
            {
                if (release)
                {
                    release = false;
                    probe.Tell(s);
                }
                else
                {
                    Stash.Stash();
                }
            });
            Receive<TakeOne>(_ =>
            {
                release = true;
                Stash.Unstash();
            });
            Receive<Clear>(_ => Stash.ClearStash());
            Receive<Count>(_ => Sender.Tell(Stash.Count));
        }
    }

    private sealed class StashThenFail : ReceiveActor
    {
        private readonly IActorRef _probe;

        public StashThenFail(IActorRef probe, InstanceCounter instances)
        {
            _probe = probe;
            if (instances.Next() == 1)
            {
                Receive<int>(_ => Stash.Stash());
                Receive<string>(_ => throw new InvalidOperationException("fail"));
            }
            else
            {
                Receive<int>(n => probe.Tell(n));
            }
        }

        protected internal override void PostRestart(Exception reason) => _probe.Tell("restarted");
    }

    private sealed class StashInPreStart(IActorRef probe) : ReceiveActor
    {
        protected internal override void PreStart()
        {
            try
            {
                Stash.Stash();
            }
            catch (InvalidOperationException e)
            {
                probe.Tell(e.Message);
            }
        }
    }
}
