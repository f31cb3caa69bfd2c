using System.Diagnostics;
using FluentAssertions;
using WasGo.Actors.TestKit.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.TestKit.Tests.Probes;

public sealed class WithinTests(ITestOutputHelper output) : TestKit(output, new TestKitSettings { TimeFactor = 1 })
{
    [Fact]
    public async Task WithinAsync_Should_Pass_WhenTheBodyFinishesInTime()
    {
        TestActor.Tell("quick");

        Func<Task> within = () => TestActor.WithinAsync(TimeSpan.FromSeconds(5), async () => await TestActor.ExpectMsgAsync("quick"));

        await within.Should().NotThrowAsync();
    }

    [Fact]
    public async Task WithinAsync_Should_Fail_WhenTheBodyIsTooSlow()
    {
        Func<Task> within = () => TestActor.WithinAsync(TimeSpan.FromMilliseconds(100), () => Task.Delay(400));

        (await within.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("more than the maximum 100 ms");
    }

    [Fact]
    public async Task WithinAsync_Should_Fail_WhenTheBodyIsTooFast()
    {
        Func<Task> within = () => TestActor.WithinAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5), () => Task.CompletedTask);

        (await within.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("less than the minimum 300 ms");
    }

    [Fact]
    public async Task WithinAsync_Should_BoundTheWaitsInside_ToWhatIsLeft()
    {
        var clock = Stopwatch.StartNew();

        Func<Task> within = () => TestActor.WithinAsync(TimeSpan.FromMilliseconds(300), () => TestActor.ExpectMsgAsync<string>(TimeSpan.FromSeconds(30)));

        (await within.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("Timeout");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the inner 30 s wait is cut to the 300 ms of the block");
    }

    [Fact]
    public async Task WithinAsync_Should_BoundDefaultWaits_AndNestedBlocks_ByTheTightestDeadline()
    {
        var clock = Stopwatch.StartNew();

        Func<Task> within = () => TestActor.WithinAsync(TimeSpan.FromSeconds(20), () =>
            TestActor.WithinAsync(TimeSpan.FromMilliseconds(200), () => TestActor.ReceiveNAsync(1)));

        await within.Should().ThrowAsync<TestKitAssertionException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2.5), "the default 3 s wait is cut to the inner block's 200 ms");
    }

    [Fact]
    public async Task WithinAsync_Should_RestoreTheOuterDeadline_AfterTheBlock()
    {
        await TestActor.WithinAsync(TimeSpan.FromMilliseconds(500), () => Task.CompletedTask);
        Later.Tell(TestActor, "after the block", TimeSpan.FromMilliseconds(800));

        (await TestActor.ExpectMsgAsync<string>(TimeSpan.FromSeconds(5))).Should().Be("after the block");
    }
}
