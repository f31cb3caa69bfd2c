using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Supervision;

public sealed class SupervisionTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task Restart_Should_KeepTheMailbox_DropTheFailingMessage_AndResetState()
    {
        IActorRef child = await SpawnAsync(new OneForOneStrategy(_ => Directive.Restart), Props.Create(() => new Counter(TestActor)));
        await TestActor.ExpectMsgAsync<Hook>(h => h.Name == "ctor");
        await TestActor.ExpectMsgAsync<Hook>(h => h.Name == "PreStart");
        var gate = new Gate();
        child.Tell(new Block(gate));
        await gate.Entered.WaitAsync(Timeouts.Long);
        child.Tell(new Inc());
        child.Tell(new Fail(new InvalidOperationException("boom")));
        child.Tell(new Inc());
        child.Tell(new Inc());
        child.Tell(new Get(), TestActor);

        gate.Open();

        (await TestActor.ExpectMsgAsync<Hook>()).Name.Should().Be("PreRestart boom on Fail");
        await TestActor.ExpectMsgAsync<Hook>(h => h.Name == "PostStop");
        await TestActor.ExpectMsgAsync<Hook>(h => h.Name == "ctor");
        await TestActor.ExpectMsgAsync<Hook>(h => h.Name == "PostRestart boom");
        await TestActor.ExpectMsgAsync<Hook>(h => h.Name == "PreStart");
        (await TestActor.ExpectMsgAsync<int>()).Should().Be(2, "the two Incs queued behind the failure reach the new instance, which starts from 0");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // the failing message is not retried
    }

    [Fact]
    public async Task Resume_Should_KeepTheStateAndTheMailbox_AndDropTheFailingMessage()
    {
        IActorRef child = await SpawnAsync(new OneForOneStrategy(_ => Directive.Resume), Props.Create(() => new Counter(TestActor)));
        await TestActor.ReceiveNAsync(2); // ctor, PreStart

        child.Tell(new Inc());
        child.Tell(new Inc());
        child.Tell(new Fail(new InvalidOperationException("resume me")));
        child.Tell(new Inc());
        child.Tell(new Get(), TestActor);

        (await TestActor.ExpectMsgAsync<int>()).Should().Be(3);
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // no restart hooks
    }

    [Fact]
    public async Task Stop_Should_StopTheChild_AndSendItsQueuedMessagesToDeadLetters()
    {
        IActorRef child = await SpawnAsync(SupervisorStrategy.StoppingStrategy, Props.Create(() => new Counter()));
        TestProbe letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters);
        TestActor.Watch(child);
        var gate = new Gate();
        child.Tell(new Block(gate));
        await gate.Entered.WaitAsync(Timeouts.Long);
        child.Tell(new Fail(new InvalidOperationException("stop me")));
        child.Tell("queued 1");
        child.Tell("queued 2");

        gate.Open();

        await TestActor.ExpectTerminatedAsync(child);
        IReadOnlyList<object> dead = await letters.ReceiveNAsync(2);
        dead.Cast<DeadLetter>().Select(d => d.Message).Should().Equal("queued 1", "queued 2");
        dead.Cast<DeadLetter>().Should().OnlyContain(d => d.Recipient.Equals(child));
    }

    [Fact]
    public async Task Escalate_Should_ReachTheGrandparentsStrategy()
    {
        TestProbe decisions = CreateTestProbe();
        var grandparentStrategy = new OneForOneStrategy(e =>
        {
            decisions.Tell(e.Message);
            return Directive.Stop;
        });
        IActorRef grandparent = Sys.ActorOf(Props.Create(() => new Supervisor()).WithSupervisorStrategy(grandparentStrategy));
        IActorRef parent = await grandparent.Ask<IActorRef>(
            new Spawn(Props.Create(() => new Supervisor()).WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Escalate)), "parent"),
            Timeouts.Ask);
        IActorRef child = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "child"), Timeouts.Ask);
        TestActor.Watch(parent);
        TestActor.Watch(child);

        child.Tell(new Fail(new InvalidOperationException("from the grandchild")));

        await decisions.ExpectMsgAsync("from the grandchild");
        IReadOnlyList<object> stopped = await TestActor.ReceiveNAsync(2);
        stopped.Cast<Terminated>().Select(t => t.ActorRef).Should().Equal(child, parent);
        IActorRef another = await grandparent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "another"), Timeouts.Ask);
        (await another.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(0, "the grandparent decided and lives on");
    }

    [Fact]
    public async Task AllForOneStrategy_Should_RestartEverySibling_WhenOneFails()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Supervisor()).WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Restart)));
        IActorRef[] children = new IActorRef[3];
        for (int i = 0; i < 3; i++)
        {
            children[i] = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter(TestActor)), "c" + i), Timeouts.Ask);
            children[i].Tell(new Inc());
            (await children[i].Ask<int>(new Get(), Timeouts.Ask)).Should().Be(1, "the old instance counted before anything failed");
        }

        await TestActor.ReceiveNAsync(6); // ctor + PreStart each

        children[1].Tell(new Fail(new InvalidOperationException("one for all")));

        IReadOnlyList<object> hooks = await TestActor.ReceiveNAsync(3 * 5, Timeouts.Long);
        hooks.Cast<Hook>().Where(h => h.Name.StartsWith("PostRestart", StringComparison.Ordinal)).Select(h => h.Actor)
            .Order(StringComparer.Ordinal).Should().Equal("c0", "c1", "c2");
        foreach (IActorRef child in children)
        {
            (await child.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(0, "every sibling got a fresh instance");
        }
    }

    [Fact]
    public async Task AllForOneStrategy_Should_StopEverySibling_WhenTheDirectiveIsStop()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Supervisor()).WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Stop)));
        IActorRef a = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "a"), Timeouts.Ask);
        IActorRef b = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "b"), Timeouts.Ask);
        TestActor.Watch(a);
        TestActor.Watch(b);

        a.Tell(new Fail(new InvalidOperationException("all stop")));

        (await TestActor.ReceiveNAsync(2)).Cast<Terminated>().Select(t => t.ActorRef).ByPath().Should().Equal(new[] { a, b }.ByPath());
    }

    [Fact]
    public async Task OneForOneStrategy_Should_RestartOnlyTheFailedChild()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Supervisor()));
        IActorRef failing = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "failing"), Timeouts.Ask);
        IActorRef sibling = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "sibling"), Timeouts.Ask);
        failing.Tell(new Inc());
        sibling.Tell(new Inc());

        failing.Tell(new Fail(new InvalidOperationException("just me")));

        (await failing.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(0);
        (await sibling.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(1);
    }

    [Fact]
    public async Task SupervisorStrategyOverride_Should_BeUsed_WhenThePropsSetNone()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new ResumingSupervisor()));
        IActorRef child = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "c"), Timeouts.Ask);
        child.Tell(new Inc());

        child.Tell(new Fail(new InvalidOperationException("resume")));

        (await child.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(1);
    }

    [Fact]
    public async Task ADeciderThatThrows_Should_EscalateInsteadOfCrashing()
    {
        TestProbe decisions = CreateTestProbe();
        var top = new OneForOneStrategy(e =>
        {
            decisions.Tell(e.GetType().Name + ": " + e.Message);
            return Directive.Stop;
        });
        IActorRef grandparent = Sys.ActorOf(Props.Create(() => new Supervisor()).WithSupervisorStrategy(top));
        IActorRef parent = await grandparent.Ask<IActorRef>(
            new Spawn(Props.Create(() => new Supervisor()).WithSupervisorStrategy(new OneForOneStrategy(_ => throw new NotSupportedException("bad decider"))), "p"),
            Timeouts.Ask);
        IActorRef child = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "c"), Timeouts.Ask);

        child.Tell(new Fail(new InvalidOperationException("x")));

        await decisions.ExpectMsgAsync("NotSupportedException: bad decider");
    }

    [Fact]
    public async Task Failures_Should_NeverCrashTheProcess_WhenAThousandActorsFailAtOnce()
    {
        IActorRef[] actors = [.. Enumerable.Range(0, 1_000).Select(_ => Sys.ActorOf(Props.Create(() => new Counter())))];

        Parallel.ForEach(actors, a =>
        {
            a.Tell(new Inc());
            a.Tell(new Fail(new InvalidOperationException("mass failure")));
            a.Tell(new Inc());
        });

        int[] counts = await Task.WhenAll(actors.Select(a => a.Ask<int>(new Get(), Timeouts.Long)));
        counts.Should().OnlyContain(c => c == 1, "each was restarted by the default strategy and then counted the one Inc after the failure");
    }

    [Fact]
    public async Task Restart_Should_StopTheOldChildren_AndLetTheNewInstanceRecreateThemUnderTheSameNames()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new ParentWithChild(TestActor)), "family");
        IActorRef firstChild = await TestActor.ExpectMsgAsync<IActorRef>();
        TestActor.Watch(firstChild);

        parent.Tell(new Fail(new InvalidOperationException("parent fails")));

        IReadOnlyList<object> next = await TestActor.ReceiveNAsync(2);
        next.OfType<Terminated>().Single().ActorRef.Should().Be(firstChild);
        IActorRef secondChild = next.OfType<IActorRef>().Single();
        secondChild.Should().NotBe(firstChild);
        secondChild.Path.Should().Be(firstChild.Path);
        (await secondChild.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(0);
    }

    private sealed class ParentWithChild : ReceiveActor
    {
        private readonly IActorRef _probe;

        public ParentWithChild(IActorRef probe)
        {
            _probe = probe;
            Receive<Fail>(f => throw f.Cause);
        }

        protected internal override void PreStart() => _probe.Tell(Context.ActorOf(Props.Create(() => new Counter()), "kid"));
    }

    private async Task<IActorRef> SpawnAsync(SupervisorStrategy strategy, Props childProps)
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Supervisor()).WithSupervisorStrategy(strategy));
        return await parent.Ask<IActorRef>(new Spawn(childProps, "child"), Timeouts.Ask);
    }

    private sealed class ResumingSupervisor : ReceiveActor
    {
        public ResumingSupervisor() => Receive<Spawn>(s => Sender.Tell(Context.ActorOf(s.Props, s.Name)));

        protected internal override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Resume);
    }
}
