using FluentAssertions;
using WasGo.Actors.TestKit.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.TestKit.Tests.Probes;

public sealed class DeathWatchTests(ITestOutputHelper output) : TestKit(output, new TestKitSettings { TimeFactor = 1 })
{
    [Fact]
    public async Task ExpectTerminatedAsync_Should_Pass_WhenAWatchedActorStops()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Echo()));
        TestActor.Watch(actor);

        Sys.Stop(actor);

        Terminated terminated = await TestActor.ExpectTerminatedAsync(actor);
        terminated.ActorRef.Should().Be(actor);
    }

    [Fact]
    public async Task ExpectTerminatedAsync_Should_Fail_ForAnotherActorsTermination()
    {
        IActorRef stopped = Sys.ActorOf(Props.Create(() => new Echo()), "stopped");
        IActorRef expected = Sys.ActorOf(Props.Create(() => new Echo()), "expected");
        TestActor.Watch(stopped);
        Sys.Stop(stopped);

        Func<Task> expect = () => TestActor.ExpectTerminatedAsync(expected);

        (await expect.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("expected").And.Contain("stopped");
    }

    [Fact]
    public async Task ExpectTerminatedAsync_Should_Fail_WhenTheActorLivesOn()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Echo()));
        TestActor.Watch(actor);

        Func<Task> expect = () => TestActor.ExpectTerminatedAsync(actor, TimeSpan.FromMilliseconds(150));

        (await expect.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("Timeout");
    }

    [Fact]
    public async Task Unwatch_Should_StopTerminatedFromArriving()
    {
        IActorRef actor = Sys.ActorOf(Props.Create(() => new Echo()));
        TestActor.Watch(actor);
        TestActor.Unwatch(actor);
        TestActor.Send(actor, "sync"); // the probe's watch requests are processed in order before this reply
        await TestActor.ExpectMsgAsync("sync");

        Sys.Stop(actor);

        await TestActor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Watch_Should_AcceptAnotherProbe_AndExpectTerminatedRecogniseIt()
    {
        TestProbe watched = CreateTestProbe("watched");
        TestActor.Watch(watched);

        Sys.Stop(watched.Ref);

        (await TestActor.ExpectTerminatedAsync(watched)).ActorRef.Should().Be(watched.Ref);
    }
}
