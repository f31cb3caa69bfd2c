using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Actors.Tests.Supervision;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Lifecycle;

public sealed class LifecycleTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task LifecycleHooks_Should_RunInOrder_AcrossARestartAndAStop()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Counter(TestActor)), "life");

        actor.Tell(new Fail(new InvalidOperationException("crash")));
        actor.Tell("after restart", TestActor);
        var hooks = new List<Hook>();
        await CollectHooksAsync(hooks, until: m => m is "after restart");
        Sys.Stop(actor);
        await CollectHooksAsync(hooks, until: m => m is Hook { Name: "PostStop" });

        hooks.Select(h => h.Name).Should().Equal(
            "ctor", "PreStart", "PreRestart crash on Fail", "PostStop", "ctor", "PostRestart crash", "PreStart", "PostStop");
        int first = hooks[0].Instance;
        int second = hooks[4].Instance;
        second.Should().NotBe(first);
        hooks.Take(4).Should().OnlyContain(h => h.Instance == first);
        hooks.Skip(4).Should().OnlyContain(h => h.Instance == second);
    }

    [Fact]
    public async Task AThrowingConstructor_Should_StopTheActor_WithActorInitializationException_ByDefault()
    {
        TestProbe decisions = CreateTestProbe();
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Supervisor()).WithSupervisorStrategy(new OneForOneStrategy(e =>
        {
            decisions.Tell(e);
            return SupervisorStrategy.DefaultDecider(e);
        })));
        IActorRef child = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new ThrowingConstructor()), "broken"), Timeouts.Ask);
        TestActor.Watch(child);

        ActorInitializationException cause = await decisions.ExpectMsgAsync<ActorInitializationException>();
        cause.InnerException.Should().BeOfType<FormatException>().Which.Message.Should().Be("cannot build");
        cause.Message.Should().Contain("broken");
        SupervisorStrategy.DefaultDecider(cause).Should().Be(Directive.Stop);
        await TestActor.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task AThrowingFactory_Should_BeRestarted_ByACustomStrategy()
    {
        int attempts = 0;
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Supervisor()).WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Restart)));
        IActorRef child = await parent.Ask<IActorRef>(
            new Spawn(
                Props.Create(() => Interlocked.Increment(ref attempts) < 3 ? throw new InvalidOperationException("not yet") : new Counter(TestActor)),
                "eventually"),
            Timeouts.Ask);

        (await TestActor.ExpectMsgAsync<Hook>()).Name.Should().Be("ctor");
        (await TestActor.ExpectMsgAsync<Hook>()).Name.Should().StartWith("PostRestart").And.Contain("could not be made").And.Contain("not yet");
        (await TestActor.ExpectMsgAsync<Hook>()).Name.Should().Be("PreStart");
        (await child.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(0);
        Volatile.Read(ref attempts).Should().Be(3);
    }

    [Fact]
    public async Task AThrowingPreStart_Should_StopTheActor_ByDefault()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new ThrowingPreStart()));
        TestActor.Watch(actor);

        await TestActor.ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task AThrowingPostStop_Should_NotKeepTheActorFromStopping()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new ThrowingPostStop()));
        TestActor.Watch(actor);

        Sys.Stop(actor);

        await TestActor.ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task PoisonPill_Should_StopTheActor_AfterTheMessagesQueuedBeforeIt()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Counter()));
        var gate = new Gate();
        actor.Tell(new Block(gate));
        await gate.Entered.WaitAsync(Timeouts.Long);
        actor.Tell("one", TestActor);
        actor.Tell("two", TestActor);
        actor.Tell(PoisonPill.Instance);
        actor.Tell("after the pill", TestActor);
        TestActor.Watch(actor);

        gate.Open();

        await TestActor.ExpectMsgAsync("one");
        await TestActor.ExpectMsgAsync("two");
        (await TestActor.ExpectMsgAsync<DeadLetter>()).Message.Should().Be("after the pill");
        await TestActor.ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task Kill_Should_FailTheActorWithActorKilledException_AndStopIt()
    {
        TestProbe decisions = CreateTestProbe();
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Supervisor()).WithSupervisorStrategy(new OneForOneStrategy(e =>
        {
            decisions.Tell(e.GetType().Name);
            return SupervisorStrategy.DefaultDecider(e);
        })));
        IActorRef child = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "victim"), Timeouts.Ask);
        TestActor.Watch(child);

        child.Tell(Kill.Instance);

        await decisions.ExpectMsgAsync(nameof(ActorKilledException));
        await TestActor.ExpectTerminatedAsync(child);
    }

    [Fact]
    public void DefaultDecider_Should_StopForInitializationKillAndDeathPact_AndRestartOtherwise()
    {
        SupervisorStrategy.DefaultDecider(new ActorInitializationException()).Should().Be(Directive.Stop);
        SupervisorStrategy.DefaultDecider(new ActorKilledException()).Should().Be(Directive.Stop);
        SupervisorStrategy.DefaultDecider(new DeathPactException()).Should().Be(Directive.Stop);
        SupervisorStrategy.DefaultDecider(new InvalidOperationException()).Should().Be(Directive.Restart);
    }

    private async Task CollectHooksAsync(List<Hook> hooks, Predicate<object> until)
    {
        while (true)
        {
            object message = await TestActor.ReceiveOneAsync(Timeouts.Long);
            if (message is Hook hook)
            {
                hooks.Add(hook);
            }

            if (until(message))
            {
                return;
            }
        }
    }

    private sealed class ThrowingConstructor : ReceiveActor
    {
        public ThrowingConstructor() => throw new FormatException("cannot build");
    }

    private sealed class ThrowingPreStart : ReceiveActor
    {
        protected internal override void PreStart() => throw new InvalidOperationException("no start");
    }

    private sealed class ThrowingPostStop : ReceiveActor
    {
        protected internal override void PostStop() => throw new InvalidOperationException("no stop");
    }
}
