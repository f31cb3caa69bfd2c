using FluentAssertions;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Behaviors;

public sealed class ReceiveActorTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task Receive_Should_TryHandlersInDeclarationOrder_WithPredicatesAndReceiveAnyLast()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Classifier()));

        actor.Tell(-3, TestActor);
        actor.Tell(7, TestActor);
        actor.Tell("text", TestActor);
        actor.Tell(2.5, TestActor);

        await TestActor.ExpectMsgAsync("negative -3");
        await TestActor.ExpectMsgAsync("int 7");
        await TestActor.ExpectMsgAsync("string text");
        await TestActor.ExpectMsgAsync("any 2.5");
    }

    [Fact]
    public async Task Receive_Should_MatchSubtypes()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new ExceptionNamer()));

        actor.Tell(new ArgumentNullException("p"), TestActor);

        await TestActor.ExpectMsgAsync("ArgumentNullException");
    }

    [Fact]
    public async Task UntypedActor_Should_GetEveryMessage_AndPublishWhatItCallsUnhandled()
    {
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Untyped()));

        actor.Tell("hello", TestActor);
        actor.Tell(99, TestActor);

        await TestActor.ExpectMsgAsync("got hello");
        (await TestActor.ExpectMsgAsync<UnhandledMessage>()).Message.Should().Be(99);
    }

    [Fact]
    public async Task ReceiveAsync_Should_MakeTheNextMessageWait_UntilTheTaskCompletes()
    {
        var gate = new Gate();
        IActorRef actor = Sys.ActorOf(Props.Create(() => new AsyncWorker(gate)));

        actor.Tell("slow", TestActor);
        actor.Tell("fast", TestActor);
        await gate.Entered.WaitAsync(Timeouts.Long);
        await TestActor.ExpectMsgAsync("slow started");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        gate.Open();

        await TestActor.ExpectMsgAsync("slow done");
        await TestActor.ExpectMsgAsync("fast");
    }

    [Fact]
    public async Task ReceiveAsync_Should_KeepSenderAndSelf_AfterAnAwait()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new AwaitingReplier()), "awaiter");

        actor.Tell("who", TestActor);

        await TestActor.ExpectMsgAsync<string>(s => s.EndsWith("/user/awaiter", StringComparison.Ordinal));
        TestActor.LastSender.Should().Be(actor);
    }

    [Fact]
    public async Task ReceiveAsync_Should_FailTheActor_WhenTheTaskFails_AndTheActorRestarts()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new AsyncFailer(TestActor)));
        await TestActor.ExpectMsgAsync("started");

        actor.Tell("fail");

        await TestActor.ExpectMsgAsync("started"); // the default strategy restarts it
        actor.Tell("ping", TestActor);
        await TestActor.ExpectMsgAsync("pong");
    }

    [Fact]
    public async Task Become_Should_ReplaceTheBehaviour()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Switch()));

        actor.Tell("state", TestActor);
        actor.Tell("toggle");
        actor.Tell("state", TestActor);
        actor.Tell("toggle");
        actor.Tell("state", TestActor);

        await TestActor.ExpectMsgAsync("off");
        await TestActor.ExpectMsgAsync("on");
        await TestActor.ExpectMsgAsync("off");
    }

    [Fact]
    public async Task BecomeStacked_Should_PushBehaviours_AndUnbecomeStackedPopThem_NeverBelowTheFirst()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Stacker()));

        actor.Tell("level", TestActor);
        actor.Tell("push");
        actor.Tell("level", TestActor);
        actor.Tell("push");
        actor.Tell("level", TestActor);
        actor.Tell("pop");
        actor.Tell("level", TestActor);
        actor.Tell("pop");
        actor.Tell("pop");
        actor.Tell("pop");
        actor.Tell("level", TestActor);

        (await TestActor.ReceiveNAsync(5)).Should().Equal("base", "level 1", "level 2", "level 1", "base");
    }

    [Fact]
    public async Task Become_Should_MakeMessagesOfTheOldBehaviourUnhandled()
    {
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor);
        IActorRef actor = Sys.ActorOf(Props.Create(() => new OneShot()));

        actor.Tell(1, TestActor);
        actor.Tell(2, TestActor);

        await TestActor.ExpectMsgAsync("first 1");
        (await TestActor.ExpectMsgAsync<UnhandledMessage>()).Message.Should().Be(2);
    }

    [Fact]
    public async Task Context_Should_NotBeAvailableInTheConstructor_AndTheActorIsStopped()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new ContextInConstructor()));
        TestActor.Watch(actor);

        await TestActor.ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task Receive_Should_Throw_WhenCalledOutsideTheConstructorOrBecome()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new LateDeclarer()));

        actor.Tell("declare", TestActor);

        (await TestActor.ExpectMsgAsync<string>()).Should().Contain("only in the constructor");
    }

    private sealed class Classifier : ReceiveActor
    {
        public Classifier()
        {
            Receive<int>(n => n < 0, n => Sender.Tell("negative " + n));
            Receive<int>(n => Sender.Tell("int " + n));
            Receive<string>(s => Sender.Tell("string " + s));
            ReceiveAny(o => Sender.Tell("any " + Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private sealed class ExceptionNamer : ReceiveActor
    {
        public ExceptionNamer() => Receive<ArgumentException>(e => Sender.Tell(e.GetType().Name));
    }

    private sealed class Untyped : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is string s)
            {
                Sender.Tell("got " + s);
            }
            else
            {
                Unhandled(message);
            }
        }
    }

    private sealed class AsyncWorker : ReceiveActor
    {
        public AsyncWorker(Gate gate) => ReceiveAsync<string>(async s =>
        {
            IActorRef sender = Sender;
            if (s != "slow")
            {
                sender.Tell(s);
                return;
            }

            sender.Tell("slow started");
            await gate.EnterAndWaitAsync();
            sender.Tell("slow done");
        });
    }

    private sealed class AwaitingReplier : ReceiveActor
    {
        public AwaitingReplier() => ReceiveAsync<string>(async _ =>
        {
            await Task.Delay(10);
            Sender.Tell(Self.Path.ToString(), Self);
        });
    }

    private sealed class AsyncFailer : ReceiveActor
    {
        private readonly IActorRef _probe;

        public AsyncFailer(IActorRef probe)
        {
            _probe = probe;
            ReceiveAsync<string>(async s =>
            {
                await Task.Yield();
                if (s == "fail")
                {
                    throw new InvalidOperationException("async failure");
                }

                Sender.Tell("pong");
            });
        }

        protected internal override void PreStart() => _probe.Tell("started");
    }

    private sealed class Switch : ReceiveActor
    {
        public Switch() => Off();

        private void Off()
        {
            Receive<string>(s => s == "toggle", _ => Become(On));
            Receive<string>(_ => Sender.Tell("off"));
        }

        private void On()
        {
            Receive<string>(s => s == "toggle", _ => Become(Off));
            Receive<string>(_ => Sender.Tell("on"));
        }
    }

    private sealed class Stacker : ReceiveActor
    {
        private int _depth;

        public Stacker() => Level("base");

        private void Level(string name)
        {
            Receive<string>(s => s == "push", _ =>
            {
                _depth++;
                int depth = _depth;
                BecomeStacked(() => Level("level " + depth));
            });
            Receive<string>(s => s == "pop", _ =>
            {
                _depth = Math.Max(0, _depth - 1);
                UnbecomeStacked();
            });
            Receive<string>(_ => Sender.Tell(name));
        }
    }

    private sealed class OneShot : ReceiveActor
    {
        public OneShot() => Receive<int>(n =>
        {
            Sender.Tell("first " + n);
            Become(() => Receive<string>(_ => { }));
        });
    }

    private sealed class ContextInConstructor : ReceiveActor
    {
        public ContextInConstructor() => _ = Context.Self;
    }

    private sealed class LateDeclarer : ReceiveActor
    {
        public LateDeclarer() => Receive<string>(_ =>
        {
            try
            {
                Receive<int>(_ => { });
                Sender.Tell("declared");
            }
            catch (InvalidOperationException e)
            {
                Sender.Tell(e.Message);
            }
        });
    }
}
