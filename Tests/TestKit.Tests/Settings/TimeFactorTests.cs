using FluentAssertions;
using Xunit.Abstractions;

namespace WasGo.Actors.TestKit.Tests.Settings;

public sealed class TimeFactorTests(ITestOutputHelper output) : TestKit(output, new TestKitSettings { TimeFactor = 2 })
{
    [Fact]
    public void Dilated_Should_StretchDurationsByTheFactor_AndLeaveInfiniteAlone()
    {
        var settings = new TestKitSettings { TimeFactor = 3 };

        settings.Dilated(TimeSpan.FromSeconds(1)).Should().Be(TimeSpan.FromSeconds(3));
        settings.Dilated(Timeout.InfiniteTimeSpan).Should().Be(Timeout.InfiniteTimeSpan);
        Dilated(TimeSpan.FromMilliseconds(250)).Should().Be(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task ProbeTimeouts_Should_BeDilated()
    {
        Func<Task> expect = () => TestActor.ExpectMsgAsync<string>(TimeSpan.FromMilliseconds(100));

        (await expect.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("Timeout (200 ms)");
    }

    [Fact]
    public async Task ExpectNoMsgAsync_Should_ListenForTheDilatedDefault()
    {
        TestActor.Tell("x");

        Func<Task> expect = () => TestActor.ExpectNoMsgAsync();

        (await expect.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("for 200 ms", "the default 100 ms doubled");
    }

    [Fact]
    public async Task WithinAsync_Should_DilateItsMaximum()
    {
        Func<Task> within = () => TestActor.WithinAsync(TimeSpan.FromMilliseconds(200), () => Task.Delay(100));

        await within.Should().NotThrowAsync("100 ms is within the dilated 400 ms");
    }

    [Fact]
    public async Task AwaitConditionAsync_Should_WaitForTheDilatedDuration()
    {
        Func<Task> wait = () => AwaitConditionAsync(() => false, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20));

        (await wait.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("200 ms");
    }

    [Fact]
    public void DefaultSettings_Should_HaveAThreeSecondTimeout()
    {
        var settings = new TestKitSettings { TimeFactor = 1 };

        settings.DefaultTimeout.Should().Be(TimeSpan.FromSeconds(3));
        settings.DefaultNoMessageDuration.Should().Be(TimeSpan.FromMilliseconds(100));
    }
}

[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection
{
}

/// <summary>Changes a process-wide environment variable: runs alone, after the parallel tests.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class TimeFactorVariableTests
{
    [Theory]
    [InlineData("2.5", 2.5)]
    [InlineData("1", 1.0)]
    [InlineData("", 1.0)]
    public void TimeFactor_Should_ComeFromTheEnvironmentVariable(string value, double expected)
    {
        WithVariable(value, () => new TestKitSettings().TimeFactor.Should().Be(expected));
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("0.5")]
    public void TimeFactor_Should_RejectAnInvalidEnvironmentVariable_NamingIt(string value)
    {
        WithVariable(value, () => FluentActions.Invoking(() => new TestKitSettings())
            .Should().Throw<InvalidOperationException>().Which.Message.Should().Contain(TestKitSettings.TimeFactorVariable).And.Contain(value));
    }

    private static void WithVariable(string value, Action test)
    {
        string? before = Environment.GetEnvironmentVariable(TestKitSettings.TimeFactorVariable);
        Environment.SetEnvironmentVariable(TestKitSettings.TimeFactorVariable, value);
        try
        {
            test();
        }
        finally
        {
            Environment.SetEnvironmentVariable(TestKitSettings.TimeFactorVariable, before);
        }
    }
}
