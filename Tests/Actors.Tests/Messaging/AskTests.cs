using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Messaging;

public sealed class AskTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task Ask_Should_CompleteWithTheReply()
    {
        IActorRef doubler = Sys.ActorOf(Props.Create(() => new Doubler()));

        int reply = await doubler.Ask<int>(21, Timeouts.Ask);

        reply.Should().Be(42);
    }

    [Fact]
    public async Task Ask_Should_FailWithAskTimeoutExceptionNamingTheActor_WhenNoReplyComes()
    {
        IActorRef silent = Sys.ActorOf(Props.Create(() => new Silent()), "silent-one");

        Func<Task> ask = () => silent.Ask<int>("anyone?", TimeSpan.FromMilliseconds(200));

        (await ask.Should().ThrowAsync<AskTimeoutException>())
            .Which.Message.Should().Contain("silent-one").And.Contain("String");
    }

    [Fact]
    public async Task Ask_Should_FailWithTheCause_WhenTheReplyIsStatusFailure()
    {
        IActorRef failing = Sys.ActorOf(Props.Create(() => new Failer()));

        Func<Task> ask = () => failing.Ask<int>("go", Timeouts.Ask);

        (await ask.Should().ThrowAsync<InvalidOperationException>()).WithMessage("no can do");
    }

    [Fact]
    public async Task AskForObject_Should_AlsoFailWithTheCause_WhenTheReplyIsStatusFailure()
    {
        IActorRef failing = Sys.ActorOf(Props.Create(() => new Failer()));

        Func<Task> ask = () => failing.Ask<object>("go", Timeouts.Ask);

        (await ask.Should().ThrowAsync<InvalidOperationException>()).WithMessage("no can do");
    }

    [Fact]
    public async Task Ask_Should_FailWithInvalidCast_WhenTheReplyHasAnotherType()
    {
        IActorRef doubler = Sys.ActorOf(Props.Create(() => new Doubler()), "doubler");

        Func<Task> ask = () => doubler.Ask<string>(1, Timeouts.Ask);

        (await ask.Should().ThrowAsync<InvalidCastException>())
            .Which.Message.Should().Contain("doubler").And.Contain("String").And.Contain("Int32");
    }

    [Fact]
    public async Task Ask_Should_FailAtOnce_WhenTheActorHasStopped()
    {
        IActorRef doubler = Sys.ActorOf(Props.Create(() => new Doubler()), "gone");
        TestActor.Watch(doubler);
        Sys.Stop(doubler);
        await TestActor.ExpectTerminatedAsync(doubler);

        Task<int> ask = doubler.Ask<int>(1, TimeSpan.FromMinutes(1));

        ask.IsFaulted.Should().BeTrue("an ask of a stopped actor must not wait for its timeout");
        (await FluentActions.Awaiting(() => ask).Should().ThrowAsync<AskTimeoutException>())
            .Which.Message.Should().Contain("gone").And.Contain("stopped");
    }

    [Fact]
    public async Task Ask_Should_BeCancelledByItsToken()
    {
        IActorRef silent = Sys.ActorOf(Props.Create(() => new Silent()));
        using var cancel = new CancellationTokenSource();

        Task<int> ask = silent.Ask<int>("x", TimeSpan.FromMinutes(1), cancel.Token);
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => ask).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Ask_Should_RejectANonPositiveTimeout()
    {
        IActorRef silent = Sys.ActorOf(Props.Create(() => new Silent()));

        Action ask = () => silent.Ask<int>("x", TimeSpan.Zero);

        ask.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Ask_Should_TakeOnlyTheFirstReply()
    {
        IActorRef twice = Sys.ActorOf(Props.Create(() => new RepliesTwice()));

        string reply = await twice.Ask<string>("x", Timeouts.Ask);

        reply.Should().Be("first");
    }

    [Fact]
    public async Task ManyConcurrentAsks_Should_EachGetTheirOwnReply()
    {
        IActorRef doubler = Sys.ActorOf(Props.Create(() => new Doubler()));

        int[] replies = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => Task.Run(() => doubler.Ask<int>(i, Timeouts.Long))));

        replies.Should().Equal(Enumerable.Range(0, 2_000).Select(i => i * 2));
    }

    [Fact]
    public async Task Forward_Should_KeepTheOriginalSender()
    {
        IActorRef doubler = Sys.ActorOf(Props.Create(() => new Doubler()));
        IActorRef router = Sys.ActorOf(Props.Create(() => new Router(doubler)));

        router.Tell(5, TestActor);

        (await TestActor.ExpectMsgAsync(10)).Should().Be(10);
        TestActor.LastSender.Should().Be(doubler, "the doubler replied to the original sender directly");
    }

    [Fact]
    public async Task Forward_Should_LetAnAskThroughAMiddleman_GetTheFinalReply()
    {
        IActorRef doubler = Sys.ActorOf(Props.Create(() => new Doubler()));
        IActorRef router = Sys.ActorOf(Props.Create(() => new Router(doubler)));

        int reply = await router.Ask<int>(8, Timeouts.Ask);

        reply.Should().Be(16);
    }

    [Fact]
    public async Task PipeTo_Should_SendTheResult_WithTheGivenSender()
    {
        TestProbe other = CreateTestProbe();

        await Task.FromResult("piped").PipeTo(TestActor, other);

        await TestActor.ExpectMsgAsync("piped");
        TestActor.LastSender.Should().Be(other);
    }

    [Fact]
    public async Task PipeTo_Should_SendStatusFailure_WhenTheTaskFails()
    {
        var source = new TaskCompletionSource<int>();
        Task pipe = source.Task.PipeTo(TestActor);

        source.SetException(new InvalidOperationException("broken"));
        await pipe.WaitAsync(Timeouts.Long);

        Status.Failure failure = await TestActor.ExpectMsgAsync<Status.Failure>();
        failure.Cause.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("broken");
    }

    [Fact]
    public async Task PipeTo_Should_MapSuccessAndFailure_WithTheGivenFunctions()
    {
        await Task.FromResult(3).PipeTo(TestActor, success: n => "ok " + n);
        await Task.FromException<int>(new TimeoutException()).PipeTo(TestActor, failure: e => "failed " + e.GetType().Name);

        await TestActor.ExpectMsgAsync("ok 3");
        await TestActor.ExpectMsgAsync("failed TimeoutException");
    }

    [Fact]
    public async Task PipeTo_Should_SendStatusSuccess_ForAPlainTask()
    {
        await Task.CompletedTask.PipeTo(TestActor);
        await Task.FromException(new ArithmeticException()).PipeTo(TestActor);

        await TestActor.ExpectMsgAsync<Status.Success>();
        (await TestActor.ExpectMsgAsync<Status.Failure>()).Cause.Should().BeOfType<ArithmeticException>();
    }

    [Fact]
    public async Task PipeTo_Should_BringAnAsyncResultBackIntoTheActor()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new PipingActor()));

        actor.Tell("start", TestActor);

        await TestActor.ExpectMsgAsync("result: 42");
    }

    [Fact]
    public async Task WatchingAnAsksSender_Should_SeeItTerminate_OnlyWhenTheAskIsDone()
    {
        IActorRef patient = Sys.ActorOf(Props.Create(() => new PatientReplier(TestActor)));

        Task<string> ask = patient.Ask<string>("question", Timeouts.Ask);

        await TestActor.ExpectMsgAsync("watching the asker");
        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // no Terminated while the ask waits
        patient.Tell("answer now");
        (await ask).Should().Be("answer");
        await TestActor.ExpectMsgAsync("asker terminated");
    }

    private sealed class PatientReplier : ReceiveActor
    {
        public PatientReplier(IActorRef probe)
        {
            IActorRef? asker = null;
            Receive<string>(s => s == "question", _ =>
            {
                asker = Context.Watch(Sender);
                probe.Tell("watching the asker");
            });
            Receive<string>(s => s == "answer now", _ => asker!.Tell("answer"));
            Receive<Terminated>(_ => probe.Tell("asker terminated"));
        }
    }

    private sealed class Doubler : ReceiveActor
    {
        public Doubler() => Receive<int>(n => Sender.Tell(n * 2, Self));
    }

    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }

    private sealed class Failer : ReceiveActor
    {
        public Failer() => Receive<string>(_ => Sender.Tell(new Status.Failure(new InvalidOperationException("no can do"))));
    }

    private sealed class RepliesTwice : ReceiveActor
    {
        public RepliesTwice() => Receive<string>(_ =>
        {
            Sender.Tell("first");
            Sender.Tell("second");
        });
    }

    private sealed class Router : ReceiveActor
    {
        public Router(IActorRef target) => Receive<int>(n => Context.Forward(target, n));
    }

    private sealed class PipingActor : ReceiveActor
    {
        public PipingActor()
        {
            Receive<string>(_ => ComputeAsync().PipeTo(Self, Sender, success: n => new Computed(n)));
            Receive<Computed>(c => Sender.Tell("result: " + c.Value));
        }

        private static async Task<int> ComputeAsync()
        {
            await Task.Yield();
            return 42;
        }

        private sealed record Computed(int Value);
    }
}
