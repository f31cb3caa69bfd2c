using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.DeathWatch;

public sealed class DeathWatchTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task Watch_Should_DeliverTerminatedExactlyOnce_EvenWhenWatchedTwice()
    {
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()), "target");
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));

        watcher.Tell(new WatchIt(target));
        watcher.Tell(new WatchIt(target));
        await TestActor.ExpectMsgAsync("watching");
        await TestActor.ExpectMsgAsync("watching");
        Sys.Stop(target);

        Terminated terminated = await TestActor.ExpectMsgAsync<Terminated>();
        terminated.ActorRef.Should().Be(target);
        terminated.ExistenceConfirmed.Should().BeTrue();
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Watch_Should_DeliverOneTerminatedToEachOfAThousandWatchers()
    {
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()));
        IActorRef[] watchers = [.. Enumerable.Range(0, 1_000).Select(_ => Sys.ActorOf(Props.Create(() => new Watcher(TestActor))))];
        foreach (IActorRef watcher in watchers)
        {
            watcher.Tell(new WatchIt(target));
        }

        (await TestActor.ReceiveNAsync(1_000, Timeouts.Long)).Should().AllBeEquivalentTo("watching");
        Sys.Stop(target);

        IReadOnlyList<object> notices = await TestActor.ReceiveNAsync(1_000, Timeouts.Long);
        notices.Should().AllBeOfType<Terminated>().And.OnlyContain(t => ((Terminated)t).ActorRef.Equals(target));
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Watch_Should_DeliverExactlyOneTerminated_WhenWatchesRaceTheStop()
    {
        const int Count = 500;
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()));
        IActorRef[] watchers = [.. Enumerable.Range(0, Count).Select(_ => Sys.ActorOf(Props.Create(() => new Watcher(TestActor))))];

        Task watching = Task.Run(() => Parallel.ForEach(watchers, w => w.Tell(new WatchIt(target))));
        Sys.Stop(target);
        await watching;

        IReadOnlyList<object> messages = await TestActor.ReceiveNAsync(2 * Count, Timeouts.Long);
        messages.Count(m => m is "watching").Should().Be(Count);
        messages.OfType<Terminated>().Should().HaveCount(Count).And.OnlyContain(t => t.ActorRef.Equals(target));
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Watch_Should_DeliverTerminatedAtOnce_ForAnActorThatHasAlreadyStopped()
    {
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()));
        TestProbe probe = CreateTestProbe();
        probe.Watch(target);
        Sys.Stop(target);
        await probe.ExpectTerminatedAsync(target);
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));

        watcher.Tell(new WatchIt(target));

        await TestActor.ExpectMsgAsync("watching");
        (await TestActor.ExpectMsgAsync<Terminated>()).ActorRef.Should().Be(target);
    }

    [Fact]
    public async Task Watch_Should_DeliverTerminated_ForDeadLetters_WithoutConfirmedExistence()
    {
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));

        watcher.Tell(new WatchIt(Sys.DeadLetters));

        await TestActor.ExpectMsgAsync("watching");
        Terminated terminated = await TestActor.ExpectMsgAsync<Terminated>();
        terminated.ActorRef.Should().Be(Sys.DeadLetters);
        terminated.ExistenceConfirmed.Should().BeFalse();
    }

    [Fact]
    public async Task Unwatch_Should_PreventTerminated_WhenTheWatchedActorStopsFirst()
    {
        // The watcher is held inside a handler while the target stops, so the death notice is
        // already waiting when the Unwatch runs: Unwatch must still win.
        var gate = new Gate();
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()));
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor, gate)));
        watcher.Tell(new WatchIt(target));
        await TestActor.ExpectMsgAsync("watching");
        watcher.Tell("block");
        watcher.Tell(new UnwatchIt(target));
        await gate.Entered.WaitAsync(Timeouts.Long);
        TestProbe probe = CreateTestProbe();
        probe.Watch(target);
        Sys.Stop(target);
        await probe.ExpectTerminatedAsync(target);

        gate.Open();

        await TestActor.ExpectMsgAsync<Unwatched>();
        watcher.Tell("ping", TestActor);
        await TestActor.ExpectMsgAsync("pong");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Unwatch_Should_PreventTerminated_WhenRacingWithManyStops()
    {
        const int Count = 300;
        IActorRef[] targets = [.. Enumerable.Range(0, Count).Select(_ => Sys.ActorOf(Props.Create(() => new Idle())))];
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        foreach (IActorRef target in targets)
        {
            watcher.Tell(new WatchIt(target));
        }

        (await TestActor.ReceiveNAsync(Count, Timeouts.Long)).Should().AllBeEquivalentTo("watching");
        foreach (IActorRef target in targets)
        {
            Sys.Stop(target);
            watcher.Tell(new UnwatchIt(target));
        }

        watcher.Tell("ping", TestActor);
        var seen = new List<object>();
        object next;
        while ((next = await TestActor.ReceiveOneAsync(Timeouts.Long)) is not "pong")
        {
            seen.Add(next);
        }

        // A Terminated may come before its Unwatch was processed (the stop won the race), never after.
        seen.OfType<Unwatched>().Select(u => u.Subject).ByPath().Should().Equal(targets.ByPath());
        foreach (IActorRef target in targets)
        {
            int unwatchedAt = seen.FindIndex(m => m is Unwatched u && u.Subject.Equals(target));
            int terminatedAt = seen.FindIndex(m => m is Terminated t && t.ActorRef.Equals(target));
            terminatedAt.Should().BeLessThan(unwatchedAt, "no Terminated may follow the Unwatch of {0}", target.Path);
        }

        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task UnhandledTerminated_Should_StopTheWatcherWithADeathPact()
    {
        IActorRef target = Sys.ActorOf(Props.Create(() => new Idle()));
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new CarelessWatcher(target, TestActor)));
        await TestActor.ExpectMsgAsync("watching");
        TestActor.Watch(watcher);

        Sys.Stop(target);

        await TestActor.ExpectTerminatedAsync(watcher);
    }

    [Fact]
    public async Task Terminated_Should_ArriveAfterTheMessagesTheWatchedActorSentBeforeStopping()
    {
        IActorRef watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        IActorRef target = Sys.ActorOf(Props.Create(() => new LastWords(watcher)));
        watcher.Tell(new WatchIt(target));
        await TestActor.ExpectMsgAsync("watching");

        target.Tell("speak");

        await TestActor.ExpectMsgAsync("last words");
        (await TestActor.ExpectMsgAsync<Terminated>()).ActorRef.Should().Be(target);
    }

    [Fact]
    public async Task Watch_Should_SeeChildrenStop_WhenTheParentStops()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new ParentOfTwo()));
        IActorRef[] children = await parent.Ask<IActorRef[]>("children", Timeouts.Ask);
        TestActor.Watch(children[0]);
        TestActor.Watch(children[1]);
        TestActor.Watch(parent);

        Sys.Stop(parent);

        IReadOnlyList<object> notices = await TestActor.ReceiveNAsync(3);
        notices.Cast<Terminated>().Select(t => t.ActorRef).ByPath().Should().Equal(new[] { children[0], children[1], parent }.ByPath());
        notices.Cast<Terminated>().Last().ActorRef.Should().Be(parent, "a parent stops after its children");
    }

    private sealed record WatchIt(IActorRef Subject);

    private sealed record UnwatchIt(IActorRef Subject);

    private sealed record Unwatched(IActorRef Subject);

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe, Gate? gate = null)
        {
            Receive<WatchIt>(w =>
            {
                Context.Watch(w.Subject);
                probe.Tell("watching");
            });
            Receive<UnwatchIt>(w =>
            {
                Context.Unwatch(w.Subject);
                probe.Tell(new Unwatched(w.Subject));
            });
            Receive<Terminated>(t => probe.Tell(t));
            ReceiveAsync<string>(async s =>
            {
                if (s == "block" && gate is not null)
                {
                    await gate.EnterAndWaitAsync();
                }
                else if (s == "ping")
                {
                    Sender.Tell("pong");
                }
                else
                {
                    probe.Tell(s);
                }
            });
        }
    }

    private sealed class CarelessWatcher : ReceiveActor
    {
        private readonly IActorRef _target;
        private readonly IActorRef _probe;

        public CarelessWatcher(IActorRef target, IActorRef probe)
        {
            _target = target;
            _probe = probe;
            Receive<string>(_ => { });
        }

        protected internal override void PreStart()
        {
            Context.Watch(_target);
            _probe.Tell("watching");
        }
    }

    private sealed class LastWords : ReceiveActor
    {
        public LastWords(IActorRef listener) => Receive<string>(_ =>
        {
            listener.Tell("last words");
            Context.Stop(Self);
        });
    }

    private sealed class ParentOfTwo : ReceiveActor
    {
        public ParentOfTwo() => Receive<string>(_ => Sender.Tell(Context.Children.ToArray()));

        protected internal override void PreStart()
        {
            Context.ActorOf(Props.Create(() => new Idle()), "one");
            Context.ActorOf(Props.Create(() => new Idle()), "two");
        }
    }
}
