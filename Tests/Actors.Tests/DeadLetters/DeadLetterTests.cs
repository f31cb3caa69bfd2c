using FluentAssertions;
using Microsoft.Extensions.Logging;
using WasGo.Actors.TestKit;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.DeadLetters;

public sealed class DeadLetterTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private const int DeadLetterLogged = 1001;
    private const int DeadLettersSuppressed = 1002;

    [Fact]
    public async Task TellToAStoppedActor_Should_PublishADeadLetter_WithSenderAndRecipient()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Quiet()));
        TestProbe watcher = CreateTestProbe();
        watcher.Watch(actor);
        Sys.Stop(actor);
        await watcher.ExpectTerminatedAsync(actor);
        TestProbe sender = CreateTestProbe();

        actor.Tell("too late", sender);

        DeadLetter letter = await TestActor.ExpectMsgAsync<DeadLetter>();
        letter.Message.Should().Be("too late");
        letter.Sender.Should().Be(sender);
        letter.Recipient.Should().Be(actor);
    }

    [Fact]
    public async Task ADeadLetter_Should_NotLoop_WhenItsSubscriberIsAStoppedProbe()
    {
        // The event stream cannot see that a probe stopped, so it keeps delivering to it; each
        // delivery lost used to be published as a new dead letter to the same probe, recursing until
        // the stack overflowed and took the process down.
        TestProbe stopped = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(stopped);
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        TestProbe watcher = CreateTestProbe();
        watcher.Watch(stopped.Ref);
        Sys.Stop(stopped.Ref);
        await watcher.ExpectTerminatedAsync(stopped.Ref);

        Sys.DeadLetters.Tell("lost");

        (await TestActor.ExpectMsgAsync<DeadLetter>()).Message.Should().Be("lost");
        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task TellToAStoppedActor_Should_PublishOneDeadLetterPerMessage_FromManyThreads()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Quiet()));
        TestProbe watcher = CreateTestProbe();
        watcher.Watch(actor);
        Sys.Stop(actor);
        await watcher.ExpectTerminatedAsync(actor);
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);

        Parallel.For(0, 1_000, i => actor.Tell(i));

        IReadOnlyList<object> letters = await TestActor.ReceiveNAsync(1_000, Timeouts.Long);
        letters.Cast<DeadLetter>().Select(d => (int)d.Message).Order().Should().Equal(Enumerable.Range(0, 1_000));
        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task MessagesQueuedWhenAnActorStops_Should_BecomeDeadLetters()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        var gate = new Gate();
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Blocking(gate)));
        actor.Tell("block");
        await gate.Entered.WaitAsync(Timeouts.Long);
        for (int i = 0; i < 100; i++)
        {
            actor.Tell(i);
        }

        Sys.Stop(actor);
        gate.Open();

        (await TestActor.ReceiveNAsync(100)).Cast<DeadLetter>().Select(d => d.Message).Should().Equal(Enumerable.Range(0, 100).Cast<object>());
    }

    [Fact]
    public async Task AnUnhandledMessage_Should_BePublishedAsUnhandledMessage()
    {
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new OnlyStrings()));

        actor.Tell(42, TestActor);

        UnhandledMessage unhandled = await TestActor.ExpectMsgAsync<UnhandledMessage>();
        unhandled.Message.Should().Be(42);
        unhandled.Recipient.Should().Be(actor);
        unhandled.Sender.Should().Be(TestActor);
    }

    [Fact]
    public async Task TellToDeadLetters_Should_PublishADeadLetter()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);

        Sys.DeadLetters.Tell("nowhere");

        (await TestActor.ExpectMsgAsync<DeadLetter>()).Message.Should().Be("nowhere");
    }

    [Fact]
    public async Task AReplyWithoutASender_Should_BecomeADeadLetter()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        IActorRef echo = Sys.ActorOf(Props.Create(() => new OnlyStrings()));

        echo.Tell("who gets this?");

        DeadLetter letter = await TestActor.ExpectMsgAsync<DeadLetter>();
        letter.Message.Should().Be("who gets this?");
        letter.Sender.Should().Be(echo);
    }

    [Fact]
    public async Task DeadLetterLog_Should_LogOnlyTheLimit_PerWindow_AndThenSayHowManyWereLeftOut()
    {
        var clock = new ManualClock();
        var logs = new CapturingLoggerProvider();
        using ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using ActorSystem system = ActorSystem.Create("log-limit", new ActorSystemOptions
        {
            LoggerFactory = factory,
            TimeProvider = clock,
            DeadLetterLogLimit = 3,
            DeadLetterLogWindow = TimeSpan.FromMinutes(1),
        });

        for (int i = 0; i < 50; i++)
        {
            system.DeadLetters.Tell("letter " + i);
        }

        // The listener reads the clock once when made and once per dead letter: wait until it is at
        // the 50th. It handles one letter at a time, so the next one sees the first 50 fully counted.
        await AwaitConditionAsync(() => clock.Reads >= 51, Timeouts.Long);
        CountLogged(logs).Should().Be(3, "3 of the 50 dead letters in the first window are logged");
        clock.Advance(TimeSpan.FromMinutes(2)); // the next dead letter opens a new window and reports the old one
        system.DeadLetters.Tell("in the next window");
        LogLine summary = await logs.WaitForAsync(l => l.EventId.Id == DeadLettersSuppressed).WaitAsync(Timeouts.Long);
        await AwaitConditionAsync(() => CountLogged(logs) == 4, Timeouts.Long);

        IReadOnlyList<LogLine> lines = logs.Lines;
        int summaryAt = lines.ToList().IndexOf(summary);
        lines.Take(summaryAt).Count(l => l.EventId.Id == DeadLetterLogged).Should().Be(3);
        summary.Message.Should().Contain("47");
        lines.Skip(summaryAt).Count(l => l.EventId.Id == DeadLetterLogged).Should().Be(1);
        lines.Where(l => l.EventId.Id == DeadLetterLogged).Should().OnlyContain(l => l.Category == "WasGo.Actors.DeadLetters" && l.Level == LogLevel.Information);
        lines.First(l => l.EventId.Id == DeadLetterLogged).Message.Should().Contain("deadLetters");
    }

    [Fact]
    public async Task DeadLetterLog_Should_DescribeUnhandledAndDroppedMessages()
    {
        var logs = new CapturingLoggerProvider();
        using ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using ActorSystem system = ActorSystem.Create("log-kinds", new ActorSystemOptions { LoggerFactory = factory });
        IActorRef actor = system.ActorOf(Props.Create(() => new OnlyStrings()), "picky");

        actor.Tell(7);

        LogLine line = await logs.WaitForAsync(l => l.EventId.Id == DeadLetterLogged).WaitAsync(Timeouts.Long);
        line.Message.Should().Contain("Int32").And.Contain("was not handled by").And.Contain("picky");
    }

    [Fact]
    public async Task DeadLetterLog_Should_BeOff_WhenTheLimitIsZero()
    {
        var logs = new CapturingLoggerProvider();
        using ILoggerFactory factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using ActorSystem system = ActorSystem.Create("log-off", new ActorSystemOptions { LoggerFactory = factory, DeadLetterLogLimit = 0 });
        IActorRef subscriber = system.ActorOf(Props.Create(() => new Relay(TestActor)));
        system.EventStream.Subscribe<DeadLetter>(subscriber);

        system.DeadLetters.Tell("unlogged");

        (await TestActor.ExpectMsgAsync<DeadLetter>()).Message.Should().Be("unlogged", "dead letters are still published");
        await TestActor.ExpectNoMsgAsync();
        logs.Lines.Should().NotContain(l => l.EventId.Id == DeadLetterLogged);
    }

    private static int CountLogged(CapturingLoggerProvider logs) => logs.Lines.Count(l => l.EventId.Id == DeadLetterLogged);

    private sealed class Quiet : ReceiveActor
    {
        public Quiet() => ReceiveAny(_ => { });
    }

    private sealed class OnlyStrings : ReceiveActor
    {
        public OnlyStrings() => Receive<string>(s => Sender.Tell(s, Self));
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef target) => ReceiveAny(m => target.Tell(m));
    }

    private sealed class Blocking : ReceiveActor
    {
        public Blocking(Gate gate)
        {
            ReceiveAsync<string>(_ => gate.EnterAndWaitAsync());
            Receive<int>(_ => { });
        }
    }
}
