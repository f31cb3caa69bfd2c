using System.Diagnostics;
using FluentAssertions;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Timers;

public sealed class ReceiveTimeoutTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task ReceiveTimeout_Should_Fire_WhenTheActorIsIdle()
    {
        Sys.ActorOf(Props.Create(() => new Sleepy(TestActor, TimeSpan.FromMilliseconds(100))));

        await TestActor.ExpectMsgAsync("timeout", Timeouts.Long);
    }

    [Fact]
    public async Task ReceiveTimeout_Should_NotFire_WhileMessagesKeepComing()
    {
        var timeout = TimeSpan.FromMilliseconds(700);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor, timeout)));
        var running = Stopwatch.StartNew();
        while (running.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            actor.Tell("busy");
            await Task.Delay(20);
        }

        // Messages came every ~20 ms, far more often than the 700 ms timeout.
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        await TestActor.ExpectMsgAsync("timeout", Timeouts.Long);
    }

    [Fact]
    public async Task ReceiveTimeout_Should_Fire_EvenWhileMessagesThatDoNotInfluenceItKeepComing()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor, TimeSpan.FromMilliseconds(300))));
        using var stop = new CancellationTokenSource();
        Task ticker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                actor.Tell(new Poll());
                await Task.Delay(20);
            }
        });

        await TestActor.ExpectMsgAsync("timeout", Timeouts.Long);
        await stop.CancelAsync();
        await ticker;
    }

    [Fact]
    public async Task ReceiveTimeout_Should_Fire_EvenWhileTimerTicksThatDoNotInfluenceItKeepComing()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor, TimeSpan.FromMilliseconds(300))));

        actor.Tell("start polling");

        await TestActor.ExpectMsgAsync("timeout", Timeouts.Long);
        actor.Tell("polls", TestActor);
        (await TestActor.ExpectMsgAsync<int>()).Should().BeGreaterThan(5, "the ticks kept coming while the actor timed out");
    }

    [Fact]
    public async Task ReceiveTimeout_Should_FireAgain_AfterEachIdlePeriod()
    {
        Sys.ActorOf(Props.Create(() => new Sleepy(TestActor, TimeSpan.FromMilliseconds(100))));

        (await TestActor.ReceiveNAsync(3, Timeouts.Long)).Should().AllBeEquivalentTo("timeout");
    }

    [Fact]
    public async Task SetReceiveTimeoutNull_Should_TurnItOff()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor, TimeSpan.FromMilliseconds(200))));

        actor.Tell("off", TestActor);

        await TestActor.ExpectMsgAsync("is off");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public async Task SetReceiveTimeout_Should_RejectANonPositiveTimeout()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor, TimeSpan.FromHours(1))));

        actor.Tell("zero", TestActor);

        await TestActor.ExpectMsgAsync("rejected");
    }

    private sealed record Poll : INotInfluenceReceiveTimeout;

    private sealed class Sleepy : ReceiveActor
    {
        private readonly TimeSpan _timeout;
        private int _polls;

        public Sleepy(IActorRef probe, TimeSpan timeout)
        {
            _timeout = timeout;
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout"));
            Receive<Poll>(_ => _polls++);
            Receive<string>(s => s == "polls", _ => Sender.Tell(_polls));
            Receive<string>(s => s == "start polling", _ => Timers.StartPeriodicTimer("poll", new Poll(), TimeSpan.Zero, TimeSpan.FromMilliseconds(20)));
            Receive<string>(s => s == "off", _ =>
            {
                Context.SetReceiveTimeout(null);
                Sender.Tell("is off");
            });
            Receive<string>(s => s == "zero", _ =>
            {
                try
                {
                    Context.SetReceiveTimeout(TimeSpan.Zero);
                }
                catch (ArgumentOutOfRangeException)
                {
                    Sender.Tell("rejected");
                }
            });
            Receive<string>(_ => { });
        }

        protected internal override void PreStart() => Context.SetReceiveTimeout(_timeout);
    }
}
