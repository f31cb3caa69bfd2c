using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Supervision;

public sealed class RestartLimitTests(ITestOutputHelper output) : TestKit.TestKit(output, options: new ActorSystemOptions { TimeProvider = s_clock })
{
    // Timestamps move only when a test advances them; timers and probe waits still run on real time.
    private static readonly ManualClock s_clock = new();

    [Fact]
    public async Task OneForOneStrategy_Should_StopTheChild_OnTheFourthFailure_WithThreeRestartsAllowedPerMinute()
    {
        IActorRef child = await SpawnAsync(new OneForOneStrategy(3, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        TestActor.Watch(child);

        for (int i = 1; i <= 3; i++)
        {
            child.Tell(new Fail(new InvalidOperationException("failure " + i)));
            (await child.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(0, "restart {0} of 3 is allowed", i);
        }

        child.Tell(new Fail(new InvalidOperationException("failure 4")));

        await TestActor.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task OneForOneStrategy_Should_CountRestartsAfresh_OnceTheWindowHasPassed()
    {
        IActorRef child = await SpawnAsync(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        TestActor.Watch(child);

        for (int i = 1; i <= 6; i++)
        {
            child.Tell(new Fail(new InvalidOperationException("failure " + i)));
            (await child.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(0);
            if (i % 2 == 0)
            {
                s_clock.Advance(TimeSpan.FromMinutes(2)); // two failures per window, never three
            }
        }

        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Strategy_Should_StopAtTheFirstFailure_WhenNoRestartIsAllowed()
    {
        IActorRef child = await SpawnAsync(new OneForOneStrategy(0, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        TestActor.Watch(child);

        child.Tell(new Fail(new InvalidOperationException("once")));

        await TestActor.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task Strategy_Should_AllowUnlimitedRestarts_ByDefault()
    {
        IActorRef child = await SpawnAsync(new OneForOneStrategy(_ => Directive.Restart));

        for (int i = 0; i < 50; i++)
        {
            child.Tell(new Fail(new InvalidOperationException("again")));
        }

        child.Tell(new Inc());
        (await child.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(1);
    }

    [Fact]
    public async Task AllForOneStrategy_Should_StopEveryChild_WhenTheLimitIsExceeded()
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Supervisor()).WithSupervisorStrategy(new AllForOneStrategy(1, TimeSpan.FromMinutes(1), _ => Directive.Restart)));
        IActorRef a = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "a"), Timeouts.Ask);
        IActorRef b = await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "b"), Timeouts.Ask);
        TestProbe watcher = CreateTestProbe();
        watcher.Watch(a);
        watcher.Watch(b);

        a.Tell(new Fail(new InvalidOperationException("first")));
        (await a.Ask<int>(new Get(), Timeouts.Ask)).Should().Be(0);
        b.Tell(new Fail(new InvalidOperationException("second")));

        (await watcher.ReceiveNAsync(2)).Cast<Terminated>().Select(t => t.ActorRef).ByPath().Should().Equal(new[] { a, b }.ByPath());
    }

    [Fact]
    public void Strategy_Should_RejectLimitsOutOfRange()
    {
        FluentActions.Invoking(() => new OneForOneStrategy(-2, TimeSpan.FromMinutes(1), _ => Directive.Restart)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new OneForOneStrategy(3, TimeSpan.Zero, _ => Directive.Restart)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new AllForOneStrategy(null!)).Should().Throw<ArgumentNullException>();
    }

    private async Task<IActorRef> SpawnAsync(SupervisorStrategy strategy)
    {
        IActorRef parent = Sys.ActorOf(Props.Create(() => new Supervisor()).WithSupervisorStrategy(strategy));
        return await parent.Ask<IActorRef>(new Spawn(Props.Create(() => new Counter()), "child"), Timeouts.Ask);
    }
}
