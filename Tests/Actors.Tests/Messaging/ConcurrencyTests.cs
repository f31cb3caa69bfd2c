using FluentAssertions;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Messaging;

public sealed class ConcurrencyTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private const int Senders = 8;
    private const int PerSender = 10_000;

    [Fact]
    public async Task Tell_Should_KeepEachSendersOrder_WhenManyThreadsSendAtOnce()
    {
        IActorRef receiver = Sys.ActorOf(Props.Create(() => new SequenceChecker(Senders)), "checker");
        using var start = new Barrier(Senders);
        Task[] senders = [.. Enumerable.Range(0, Senders).Select(s => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (int i = 0; i < PerSender; i++)
                {
                    receiver.Tell(new Numbered(s, i));
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default))];
        await Task.WhenAll(senders).WaitAsync(Timeouts.Long);

        SequenceReport report = await receiver.Ask<SequenceReport>(new GetReport(), Timeouts.Ask);

        report.OutOfOrder.Should().Be(0);
        report.Counts.Should().Equal(Enumerable.Repeat(PerSender, Senders));
    }

    [Fact]
    public async Task Tell_Should_KeepEachSenderActorsOrder_WhenSenderActorsRunConcurrently()
    {
        IActorRef receiver = Sys.ActorOf(Props.Create(() => new SequenceChecker(Senders)));
        IActorRef[] senders = [.. Enumerable.Range(0, Senders).Select(s => Sys.ActorOf(Props.Create(() => new Blaster(s, receiver))))];
        foreach (IActorRef sender in senders)
        {
            sender.Tell(PerSender, TestActor);
        }

        // Each blaster confirms after its last Tell, so every message is queued before the report is asked.
        (await TestActor.ReceiveNAsync(Senders, Timeouts.Long)).Should().AllBeEquivalentTo("sent");
        SequenceReport report = await receiver.Ask<SequenceReport>(new GetReport(), Timeouts.Ask);

        report.OutOfOrder.Should().Be(0);
        report.Counts.Should().Equal(Enumerable.Repeat(PerSender, Senders));
    }

    [Fact]
    public async Task Actor_Should_ProcessOneMessageAtATime_UnderLoadFromManyThreads()
    {
        var probe = new ConcurrencyProbe();
        IActorRef actor = Sys.ActorOf(Props.Create(() => new ExclusiveActor(probe)));
        using var start = new Barrier(Senders);
        Task[] senders = [.. Enumerable.Range(0, Senders).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (int i = 0; i < 5_000; i++)
                {
                    actor.Tell(i);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default))];
        await Task.WhenAll(senders).WaitAsync(Timeouts.Long);

        int processed = await actor.Ask<int>("count", Timeouts.Ask);

        processed.Should().Be(Senders * 5_000);
        probe.MaxInside.Should().Be(1, "a handler must never be entered while another message of the same actor is in it");
    }

    [Fact]
    public async Task ReceiveAsync_Should_NeverInterleaveHandlers_UnderLoad()
    {
        var probe = new ConcurrencyProbe();
        IActorRef actor = Sys.ActorOf(Props.Create(() => new AsyncExclusiveActor(probe)));
        Task[] senders = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                actor.Tell(i);
            }
        }))];
        await Task.WhenAll(senders).WaitAsync(Timeouts.Long);

        int processed = await actor.Ask<int>("count", Timeouts.Long);

        processed.Should().Be(2_000);
        probe.MaxInside.Should().Be(1);
    }

    [Fact]
    public async Task ActorSystem_Should_SpawnTenThousandActors_AndEachAnswersItsAsk()
    {
        const int Count = 10_000;
        IActorRef[] actors = new IActorRef[Count];
        for (int i = 0; i < Count; i++)
        {
            int id = i;
            actors[i] = Sys.ActorOf(Props.Create(() => new IdActor(id)), "a" + i);
        }

        int[] answers = await Task.WhenAll(actors.Select(a => a.Ask<int>("id", TimeSpan.FromSeconds(30)))).WaitAsync(TimeSpan.FromSeconds(40));

        answers.Should().Equal(Enumerable.Range(0, Count));
        actors.Select(a => a.Path.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task ManyActors_Should_ExchangeMessagesConcurrently_WithoutLosingAny()
    {
        // A ring of 1,000 actors passes 200 tokens along, 50 hops each, all at once.
        const int RingSize = 1_000;
        const int Tokens = 200;
        const int Hops = 50;
        var ring = new IActorRef[RingSize];
        IActorRef[] next = new IActorRef[RingSize];
        for (int i = 0; i < RingSize; i++)
        {
            int index = i;
            ring[i] = Sys.ActorOf(Props.Create(() => new RingMember(next, index, TestActor)));
        }

        for (int i = 0; i < RingSize; i++)
        {
            next[i] = ring[(i + 1) % RingSize];
        }

        for (int t = 0; t < Tokens; t++)
        {
            ring[t * (RingSize / Tokens)].Tell(new Token(t, Hops));
        }

        IReadOnlyList<object> done = await TestActor.ReceiveNAsync(Tokens, Timeouts.Long);
        done.Cast<Token>().Select(t => t.Id).Order().Should().Equal(Enumerable.Range(0, Tokens));
    }

    [Fact]
    public async Task ADispatcherWithThroughputOne_Should_StillDeliverEverySendersMessagesInOrder()
    {
        Props props = Props.Create(() => new SequenceChecker(4)).WithDispatcher(Dispatcher.ThreadPool(throughput: 1));
        IActorRef receiver = Sys.ActorOf(props);

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, s =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                receiver.Tell(new Numbered(s, i));
            }
        });

        SequenceReport report = await receiver.Ask<SequenceReport>(new GetReport(), Timeouts.Long);
        report.OutOfOrder.Should().Be(0);
        report.Counts.Should().Equal(5_000, 5_000, 5_000, 5_000);
    }

    [Fact]
    public async Task Context_Should_ExposeSelfParentSystemAndProps()
    {
        Props props = Props.Create(() => new Introspective());
        IActorRef actor = Sys.ActorOf(props, "me");

        Introspection seen = await actor.Ask<Introspection>("who", Timeouts.Ask);

        seen.Self.Should().Be(actor);
        seen.Parent.Path.ToString().Should().EndWith("/user");
        seen.System.Should().BeSameAs(Sys);
        seen.Props.Should().BeSameAs(props);
    }

    private sealed record Introspection(IActorRef Self, IActorRef Parent, ActorSystem System, Props Props);

    private sealed class Introspective : ReceiveActor
    {
        public Introspective() => Receive<string>(_ => Sender.Tell(new Introspection(Context.Self, Context.Parent, Context.System, Context.Props)));
    }

    private sealed record Numbered(int Sender, int Sequence);

    private sealed record GetReport;

    private sealed record SequenceReport(int OutOfOrder, int[] Counts);

    private sealed record Token(int Id, int HopsLeft);

    private sealed class SequenceChecker : ReceiveActor
    {
        public SequenceChecker(int senders)
        {
            int[] next = new int[senders];
            int outOfOrder = 0;
            Receive<Numbered>(n =>
            {
                if (n.Sequence != next[n.Sender])
                {
                    outOfOrder++;
                }

                next[n.Sender] = n.Sequence + 1;
            });
            Receive<GetReport>(_ => Sender.Tell(new SequenceReport(outOfOrder, [.. next])));
        }
    }

    private sealed class Blaster : ReceiveActor
    {
        public Blaster(int id, IActorRef target) => Receive<int>(count =>
        {
            for (int i = 0; i < count; i++)
            {
                target.Tell(new Numbered(id, i), Self);
            }

            Sender.Tell("sent");
        });
    }

    private sealed class ConcurrencyProbe
    {
        private int _inside;
        private int _maxInside;

        public int MaxInside => Volatile.Read(ref _maxInside);

        public void Enter()
        {
            int now = Interlocked.Increment(ref _inside);
            int max;
            while (now > (max = Volatile.Read(ref _maxInside)) && Interlocked.CompareExchange(ref _maxInside, now, max) != max)
            {
            }
        }

        public void Exit() => Interlocked.Decrement(ref _inside);
    }

    private sealed class ExclusiveActor : ReceiveActor
    {
        public ExclusiveActor(ConcurrencyProbe probe)
        {
            int processed = 0;
            Receive<int>(_ =>
            {
                probe.Enter();
                Thread.SpinWait(20);
                processed++;
                probe.Exit();
            });
            Receive<string>(_ => Sender.Tell(processed));
        }
    }

    private sealed class AsyncExclusiveActor : ReceiveActor
    {
        public AsyncExclusiveActor(ConcurrencyProbe probe)
        {
            int processed = 0;
            ReceiveAsync<int>(async _ =>
            {
                probe.Enter();
                await Task.Yield();
                processed++;
                probe.Exit();
            });
            Receive<string>(_ => Sender.Tell(processed));
        }
    }

    private sealed class IdActor : ReceiveActor
    {
        public IdActor(int id) => Receive<string>(_ => Sender.Tell(id));
    }

    private sealed class RingMember : ReceiveActor
    {
        public RingMember(IActorRef[] next, int index, IActorRef done) => Receive<Token>(token =>
        {
            if (token.HopsLeft == 0)
            {
                done.Tell(token);
            }
            else
            {
                next[index].Tell(token with { HopsLeft = token.HopsLeft - 1 }, Self);
            }
        });
    }
}
