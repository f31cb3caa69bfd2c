using FluentAssertions;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Timers;

public sealed class TimerTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(30);

    [Fact]
    public async Task StartSingleTimer_Should_DeliverTheMessageOnce()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

        actor.Tell(new Single("k", "tick", Short));

        await TestActor.ExpectMsgAsync("tick");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        actor.Tell(new IsActive("k"), TestActor);
        await TestActor.ExpectMsgAsync(false);
    }

    [Fact]
    public async Task StartPeriodicTimer_Should_RepeatUntilCancelled()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

        actor.Tell(new Periodic("p", "beat", Short, Short));

        (await TestActor.ReceiveNAsync(5, Timeouts.Long)).Should().AllBeEquivalentTo("beat");
        actor.Tell(new IsActive("p"), TestActor);
        await TestActor.FishForMessageAsync(m => m is bool);
        actor.Tell(new Cancel("p"), TestActor);
        await TestActor.FishForMessageAsync(m => m is "cancelled");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Cancel_Should_DropATimerMessageThatIsAlreadyQueued()
    {
        var clock = new ManualTimers();
        await using ActorSystem system = ActorSystem.Create("cancel-queued", new ActorSystemOptions { TimeProvider = clock });
        var gate = new Gate();
        IActorRef actor = system.ActorOf(Props.Create(() => new TimerActor(TestActor, gate)));

        actor.Tell(new StartThenWait("k", "stale", Replacement: null));
        await gate.Entered.WaitAsync(Timeouts.Long);
        clock.FireAll().Should().Be(1); // the tick is now queued behind the waiting handler
        gate.Open();

        await TestActor.ExpectMsgAsync("after wait");
        actor.Tell(new Ping(), TestActor);
        await TestActor.ExpectMsgAsync("pong");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task StartSingleTimer_Should_ReplaceATimerWithTheSameKey_EvenIfItsMessageIsQueued()
    {
        var clock = new ManualTimers();
        await using ActorSystem system = ActorSystem.Create("replace-queued", new ActorSystemOptions { TimeProvider = clock });
        var gate = new Gate();
        IActorRef actor = system.ActorOf(Props.Create(() => new TimerActor(TestActor, gate)));

        actor.Tell(new StartThenWait("k", "old", Replacement: "new"));
        await gate.Entered.WaitAsync(Timeouts.Long);
        clock.FireAll().Should().Be(1); // "old" is now queued; the handler then restarts the key with "new"
        gate.Open();
        await TestActor.ExpectMsgAsync("after wait");
        actor.Tell(new Ping(), TestActor);
        await TestActor.ExpectMsgAsync("pong"); // the replacement is started, the old tick was dropped

        clock.FireAll().Should().Be(1);

        await TestActor.ExpectMsgAsync("new");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task CancelAll_Should_StopEveryTimer()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Periodic("a", "a", Short, Short));
        actor.Tell(new Periodic("b", "b", Short, Short));
        await TestActor.FishForMessageAsync(m => m is "a");
        await TestActor.FishForMessageAsync(m => m is "b");

        actor.Tell(new CancelEverything(), TestActor);

        await TestActor.FishForMessageAsync(m => m is "cancelled");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        actor.Tell(new IsActive("a"), TestActor);
        await TestActor.ExpectMsgAsync(false);
    }

    [Fact]
    public async Task Timers_Should_BeCancelled_WhenTheActorRestarts()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Periodic("p", "beat", Short, Short));
        await TestActor.ExpectMsgAsync("beat");

        actor.Tell(new Fail());

        await TestActor.FishForMessageAsync(m => m is "restarted");
        actor.Tell(new IsActive("p"), TestActor);
        (await TestActor.FishForMessageAsync(m => m is bool)).Should().Be(false);
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Timers_Should_StopWithTheirActor_WithoutADeadLetterStorm()
    {
        Sys.EventStream.Subscribe<AllDeadLetters>(TestActor);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Periodic("p", "beat", TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5)));
        await TestActor.ExpectMsgAsync("beat");
        TestActor.Watch(actor);

        Sys.Stop(actor);

        await TestActor.FishForMessageAsync(m => m is Terminated);
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Timers_Should_DeliverFromManyActorsAtOnce()
    {
        const int Count = 500;
        for (int i = 0; i < Count; i++)
        {
            Sys.ActorOf(Props.Create(() => new TimerActor(TestActor))).Tell(new Single("k", "tick", TimeSpan.FromMilliseconds(20)));
        }

        (await TestActor.ReceiveNAsync(Count, Timeouts.Long)).Should().AllBeEquivalentTo("tick");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task StartTimer_Should_RejectNegativeDelaysAndNonPositiveIntervals()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

        actor.Tell(new Single("k", "x", TimeSpan.FromMilliseconds(-1)));
        actor.Tell(new Periodic("p", "x", TimeSpan.Zero, TimeSpan.Zero));

        await TestActor.ExpectMsgAsync("rejected ArgumentOutOfRangeException");
        await TestActor.ExpectMsgAsync("rejected ArgumentOutOfRangeException");
    }

    private sealed record Single(string Key, string Message, TimeSpan Delay);

    private sealed record Periodic(string Key, string Message, TimeSpan Initial, TimeSpan Interval);

    /// <summary>Starts a manual timer, waits at the gate, then cancels it (no replacement) or restarts its key.</summary>
    private sealed record StartThenWait(string Key, string Message, string? Replacement);

    private sealed record Cancel(string Key);

    private sealed record CancelEverything;

    private sealed record IsActive(string Key);

    private sealed record Ping;

    private sealed record Fail;

    private sealed class TimerActor : ReceiveActor
    {
        private readonly IActorRef _probe;

        public TimerActor(IActorRef probe, Gate? gate = null)
        {
            _probe = probe;
            Receive<Single>(s => Try(() => Timers.StartSingleTimer(s.Key, s.Message, s.Delay)));
            Receive<Periodic>(p => Try(() => Timers.StartPeriodicTimer(p.Key, p.Message, p.Initial, p.Interval)));
            ReceiveAsync<StartThenWait>(async s =>
            {
                Timers.StartSingleTimer(s.Key, s.Message, ManualTimers.Manual);
                await gate!.EnterAndWaitAsync();
                if (s.Replacement is null)
                {
                    Timers.Cancel(s.Key);
                }
                else
                {
                    Timers.StartSingleTimer(s.Key, s.Replacement, ManualTimers.Manual);
                }

                probe.Tell("after wait");
            });
            Receive<Cancel>(c =>
            {
                Timers.Cancel(c.Key);
                Sender.Tell("cancelled");
            });
            Receive<CancelEverything>(_ =>
            {
                Timers.CancelAll();
                Sender.Tell("cancelled");
            });
            Receive<IsActive>(a => Sender.Tell(Timers.IsTimerActive(a.Key)));
            Receive<Ping>(_ => Sender.Tell("pong"));
            Receive<Fail>(_ => throw new InvalidOperationException("fail"));
            Receive<string>(s => probe.Tell(s));
        }

        protected internal override void PostRestart(Exception reason) => _probe.Tell("restarted");

        private void Try(Action start)
        {
            try
            {
                start();
            }
            catch (ArgumentException e)
            {
                _probe.Tell("rejected " + e.GetType().Name);
            }
        }
    }
}
