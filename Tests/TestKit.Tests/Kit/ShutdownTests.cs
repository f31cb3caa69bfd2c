using FluentAssertions;
using WasGo.Actors.TestKit.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.TestKit.Tests.Kit;

public sealed class ShutdownTests(ITestOutputHelper output) : TestKit(output)
{
    [Fact]
    public async Task DisposeAsync_Should_StopTheSystemAndItsActors()
    {
        var kit = new ShortShutdownKit(TimeSpan.FromSeconds(10));
        IActorRef actor = kit.System.ActorOf(Props.Create(() => new Echo()));
        (await actor.Ask<string>("alive", TimeSpan.FromSeconds(5))).Should().Be("alive");

        await kit.DisposeAsync();

        kit.System.WhenTerminated.IsCompletedSuccessfully.Should().BeTrue();
        FluentActions.Invoking(() => kit.System.ActorOf(Props.Create(() => new Echo()))).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task DisposeAsync_Should_FailTheTest_WhenAnActorIsStuck()
    {
        var kit = new ShortShutdownKit(TimeSpan.FromMilliseconds(300));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IActorRef stuck = kit.System.ActorOf(Props.Create(() => new Stuck(entered, release.Task)));
        stuck.Tell("hang");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        try
        {
            Func<Task> dispose = () => kit.DisposeAsync();

            (await dispose.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("did not stop").And.Contain("stuck");
            kit.System.WhenTerminated.IsCompleted.Should().BeFalse();
        }
        finally
        {
            release.SetResult(); // nothing leaks: the system finishes stopping once the actor returns
        }

        await kit.System.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task TestKit_Should_NameTheSystemAfterTheTestClass()
    {
        var kit = new ShortShutdownKit(TimeSpan.FromSeconds(5));

        Sys.Name.Should().Be(nameof(ShutdownTests));
        kit.System.Name.Should().Be(nameof(ShortShutdownKit));
        await kit.DisposeAsync();
    }

    private sealed class ShortShutdownKit(TimeSpan shutdownTimeout)
        : TestKit(null, new TestKitSettings { TimeFactor = 1 }, new ActorSystemOptions { ShutdownTimeout = shutdownTimeout })
    {
        public ActorSystem System => Sys;
    }
}
