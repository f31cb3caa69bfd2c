using FluentAssertions;
using WasGo.Actors.TestKit.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.TestKit.Tests.Probes;

public sealed class ExpectMsgTests(ITestOutputHelper output) : TestKit(output, new TestKitSettings { TimeFactor = 1 })
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task ExpectMsgAsync_Should_ReturnTheMessage_WhenItHasTheType()
    {
        TestActor.Tell("hello");

        (await ExpectMsgAsync<string>()).Should().Be("hello");
    }

    [Fact]
    public async Task ExpectMsgAsync_Should_Fail_WhenTheMessageHasAnotherType()
    {
        TestActor.Tell(42);

        Func<Task> expect = () => TestActor.ExpectMsgAsync<string>();

        (await expect.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("String").And.Contain("Int32");
    }

    [Fact]
    public async Task ExpectMsgAsync_Should_FailWithATimeout_WhenNothingArrives()
    {
        Func<Task> expect = () => TestActor.ExpectMsgAsync<string>(Short);

        (await expect.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("Timeout (150 ms)").And.Contain("String");
    }

    [Fact]
    public async Task ExpectMsgAsync_Should_WaitForAMessageThatComesLater()
    {
        Later.Tell(TestActor, "late", TimeSpan.FromMilliseconds(100));

        (await TestActor.ExpectMsgAsync<string>(TimeSpan.FromSeconds(5))).Should().Be("late");
    }

    [Fact]
    public async Task ExpectMsgAsyncWithPredicate_Should_PassOrFail_OnThePredicate()
    {
        TestActor.Tell(10);
        TestActor.Tell(11);

        (await TestActor.ExpectMsgAsync<int>(n => n % 2 == 0)).Should().Be(10);
        Func<Task> odd = () => TestActor.ExpectMsgAsync<int>(n => n % 2 == 0);
        (await odd.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("11");
    }

    [Fact]
    public async Task ExpectMsgAsyncWithValue_Should_PassOnlyForAnEqualMessage()
    {
        TestActor.Tell(new Point(1, 2));
        TestActor.Tell(new Point(3, 4));

        (await TestActor.ExpectMsgAsync(new Point(1, 2))).Should().Be(new Point(1, 2));
        Func<Task> other = () => TestActor.ExpectMsgAsync(new Point(1, 2));
        (await other.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("X = 3");
    }

    [Fact]
    public async Task ExpectMsgAsync_Should_ConsumeMessagesInArrivalOrder()
    {
        for (int i = 0; i < 100; i++)
        {
            TestActor.Tell(i);
        }

        for (int i = 0; i < 100; i++)
        {
            (await TestActor.ExpectMsgAsync<int>()).Should().Be(i);
        }
    }

    [Fact]
    public async Task ExpectNoMsgAsync_Should_Pass_WhenNothingArrives()
    {
        Func<Task> expect = () => TestActor.ExpectNoMsgAsync(Short);

        await expect.Should().NotThrowAsync();
    }

    [Fact]
    public async Task ExpectNoMsgAsync_Should_Fail_WhenAMessageArrives_AndSayWhichOne()
    {
        Later.Tell(TestActor, "intruder", TimeSpan.FromMilliseconds(50));

        Func<Task> expect = () => TestActor.ExpectNoMsgAsync(TimeSpan.FromSeconds(5));

        (await expect.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("intruder");
    }

    [Fact]
    public async Task ExpectNoMsgAsync_Should_Fail_ForAMessageAlreadyWaiting()
    {
        TestActor.Tell("already here");

        Func<Task> expect = () => ExpectNoMsgAsync(Short);

        (await expect.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("already here");
    }

    [Fact]
    public async Task ReceiveOneAsync_Should_ReturnAnyMessage_OrFailOnTimeout()
    {
        TestActor.Tell(1.5);

        (await TestActor.ReceiveOneAsync()).Should().Be(1.5);
        Func<Task> none = () => TestActor.ReceiveOneAsync(Short);
        await none.Should().ThrowAsync<TestKitAssertionException>();
    }

    [Fact]
    public async Task ReceiveNAsync_Should_ReturnExactlyNMessagesInOrder_AndLeaveTheRest()
    {
        for (int i = 0; i < 5; i++)
        {
            TestActor.Tell(i);
        }

        (await TestActor.ReceiveNAsync(3)).Should().Equal(0, 1, 2);
        (await TestActor.ExpectMsgAsync<int>()).Should().Be(3);
    }

    [Fact]
    public async Task ReceiveNAsync_Should_Fail_WhenFewerArriveInTime_AndSayHowMany()
    {
        TestActor.Tell("a");
        TestActor.Tell("b");

        Func<Task> receive = () => TestActor.ReceiveNAsync(3, Short);

        (await receive.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("received 2 of 3");
    }

    [Fact]
    public async Task ReceiveNAsync_Should_GetEveryMessage_SentFromManyThreads()
    {
        Parallel.For(0, 10_000, i => TestActor.Tell(i));

        IReadOnlyList<object> all = await TestActor.ReceiveNAsync(10_000, TimeSpan.FromSeconds(20));

        all.Cast<int>().Order().Should().Equal(Enumerable.Range(0, 10_000));
    }

    [Fact]
    public async Task FishForMessageAsync_Should_SkipOtherMessages_AndReturnTheOne()
    {
        TestActor.Tell("noise");
        TestActor.Tell(1);
        TestActor.Tell("target");
        TestActor.Tell("after");

        (await TestActor.FishForMessageAsync(m => m is "target")).Should().Be("target");
        (await TestActor.ExpectMsgAsync<string>()).Should().Be("after");
    }

    [Fact]
    public async Task FishForMessageAsync_Should_Fail_WhenTheOneNeverComes_AndListWhatItSkipped()
    {
        TestActor.Tell("noise");
        TestActor.Tell(7);

        Func<Task> fish = () => TestActor.FishForMessageAsync(m => m is "target", Short);

        (await fish.Should().ThrowAsync<TestKitAssertionException>()).Which.Message.Should().Contain("noise").And.Contain("7");
    }

    [Fact]
    public async Task SendReplyAndLastSender_Should_TrackWhoTalkedToTheProbe()
    {
        IActorRef echo = Sys.ActorOf(Props.Create(() => new Echo()));
        TestProbe probe = CreateTestProbe("talker");

        probe.Send(echo, "ping");

        await probe.ExpectMsgAsync("ping");
        probe.LastSender.Should().Be(echo);
        probe.Reply("pong");
        await probe.ExpectMsgAsync("pong", TimeSpan.FromSeconds(5));
        probe.LastSender.Should().Be(echo);
    }

    [Fact]
    public async Task Forward_Should_SendWithTheLastSender()
    {
        TestProbe first = CreateTestProbe();
        TestProbe second = CreateTestProbe();
        first.Tell("for you", TestActor);
        await first.ExpectMsgAsync("for you");

        first.Forward(second, "forwarded");

        await second.ExpectMsgAsync("forwarded");
        second.LastSender.Should().Be(TestActor);
    }

    [Fact]
    public void Probes_Should_HaveTheirOwnNames()
    {
        TestProbe named = CreateTestProbe("named");
        TestProbe other = CreateTestProbe();

        named.Path.Name.Should().Be("named");
        other.Path.Should().NotBe(named.Path);
        TestActor.Path.Name.Should().Be("testActor");
        named.ToString().Should().Contain("named");
    }

    private sealed record Point(int X, int Y);
}
