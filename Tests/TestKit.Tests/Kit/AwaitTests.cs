using System.Diagnostics;
using FluentAssertions;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace WasGo.Actors.TestKit.Tests.Kit;

public sealed class AwaitTests(ITestOutputHelper output) : TestKit(output, new TestKitSettings { TimeFactor = 1 })
{
    [Fact]
    public async Task AwaitAssertAsync_Should_Pass_OnceTheAssertionHolds()
    {
        int tries = 0;

        await AwaitAssertAsync(() => (++tries).Should().BeGreaterThan(3), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10));

        tries.Should().Be(4);
    }

    [Fact]
    public async Task AwaitAssertAsync_Should_RethrowTheLastFailure_AfterTheDuration()
    {
        var clock = Stopwatch.StartNew();

        Func<Task> wait = () => AwaitAssertAsync(() => 1.Should().Be(2, "it never will"), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(20));

        (await wait.Should().ThrowAsync<XunitException>()).Which.Message.Should().Contain("it never will");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200)).And.BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AwaitConditionAsync_Should_Pass_OnceTheConditionIsTrue()
    {
        var source = new TaskCompletionSource();
        _ = Task.Delay(100).ContinueWith(_ => source.SetResult(), TaskScheduler.Default);

        Func<Task> wait = () => AwaitConditionAsync(() => source.Task.IsCompleted, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10));

        await wait.Should().NotThrowAsync();
    }

    [Fact]
    public async Task AwaitConditionAsync_Should_FailWithTestKitAssertionException_AfterTheDuration()
    {
        var clock = Stopwatch.StartNew();

        Func<Task> wait = () => AwaitConditionAsync(() => false, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(20));

        (await wait.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("200 ms");
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200)).And.BeLessThan(TimeSpan.FromSeconds(5));
    }
}
