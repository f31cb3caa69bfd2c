using FluentAssertions;
using WasGo.Actors.TestKit;
using WasGo.Actors.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Events;

public sealed class EventStreamTests(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public async Task Publish_Should_ReachSubscribersOfTheTypeAndItsBaseTypes_Only()
    {
        TestProbe animals = CreateTestProbe();
        TestProbe dogs = CreateTestProbe();
        TestProbe cats = CreateTestProbe();
        Sys.EventStream.Subscribe<Animal>(animals);
        Sys.EventStream.Subscribe<Dog>(dogs);
        Sys.EventStream.Subscribe<Cat>(cats);

        Sys.EventStream.Publish(new Dog("rex"));

        (await animals.ExpectMsgAsync<Dog>()).Name.Should().Be("rex");
        (await dogs.ExpectMsgAsync<Dog>()).Name.Should().Be("rex");
        await cats.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Unsubscribe_Should_StopDelivery_ForThatTypeOnly()
    {
        Sys.EventStream.Subscribe<Dog>(TestActor).Should().BeTrue();
        Sys.EventStream.Subscribe<Cat>(TestActor).Should().BeTrue();

        Sys.EventStream.Unsubscribe(TestActor, typeof(Dog)).Should().BeTrue();
        Sys.EventStream.Publish(new Dog("gone"));
        Sys.EventStream.Publish(new Cat("still"));

        (await TestActor.ExpectMsgAsync<Cat>()).Name.Should().Be("still");
        await TestActor.ExpectNoMsgAsync();
        Sys.EventStream.Unsubscribe(TestActor, typeof(Dog)).Should().BeFalse();
    }

    [Fact]
    public async Task UnsubscribeFromEverything_Should_StopAllDelivery()
    {
        Sys.EventStream.Subscribe<Dog>(TestActor);
        Sys.EventStream.Subscribe<Cat>(TestActor);

        Sys.EventStream.Unsubscribe(TestActor).Should().BeTrue();
        Sys.EventStream.Publish(new Dog("a"));
        Sys.EventStream.Publish(new Cat("b"));

        await TestActor.ExpectNoMsgAsync();
        Sys.EventStream.Unsubscribe(TestActor).Should().BeFalse();
    }

    [Fact]
    public async Task Subscribe_Should_DeliverOnce_WhenSubscribingTwiceToTheSameType()
    {
        Sys.EventStream.Subscribe<Dog>(TestActor).Should().BeTrue();
        Sys.EventStream.Subscribe<Dog>(TestActor).Should().BeFalse();

        Sys.EventStream.Publish(new Dog("once"));

        await TestActor.ExpectMsgAsync<Dog>();
        await TestActor.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Publish_Should_DropStoppedSubscribers()
    {
        IActorRef subscriber = Sys.ActorOf(Props.Create(() => new Relay(TestActor)));
        Sys.EventStream.Subscribe<Dog>(subscriber);
        TestProbe letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters);
        TestActor.Watch(subscriber);
        Sys.Stop(subscriber);
        await TestActor.ExpectTerminatedAsync(subscriber);

        Sys.EventStream.Publish(new Dog("nobody"));

        await letters.ExpectNoMsgAsync(); // not sent to the stopped subscriber at all
        Sys.EventStream.Unsubscribe(subscriber).Should().BeFalse("the publish removed it");
    }

    [Fact]
    public async Task Publish_Should_DeliverEveryEvent_InOrderPerPublisher_FromManyThreads()
    {
        IActorRef checker = Sys.ActorOf(Props.Create(() => new OrderChecker()));
        Sys.EventStream.Subscribe<Numbered>(checker);

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                Sys.EventStream.Publish(new Numbered(p, i));
            }
        });

        (await checker.Ask<int[]>("report", Timeouts.Ask)).Should().Equal(2_000, 2_000, 2_000, 2_000);
    }

    [Fact]
    public async Task Subscribe_Should_BeSafe_WhileOtherThreadsPublish()
    {
        TestProbe[] probes = [.. Enumerable.Range(0, 20).Select(_ => CreateTestProbe())];
        using var cancel = new CancellationTokenSource();
        Task publisher = Task.Run(() =>
        {
            while (!cancel.IsCancellationRequested)
            {
                Sys.EventStream.Publish(new Cat("noise"));
            }
        });

        Parallel.ForEach(probes, p => Sys.EventStream.Subscribe<Dog>(p));
        await cancel.CancelAsync();
        await publisher;
        Sys.EventStream.Publish(new Dog("everyone"));

        foreach (TestProbe probe in probes)
        {
            (await probe.ExpectMsgAsync<Dog>()).Name.Should().Be("everyone");
        }
    }

    private abstract record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name);

    private sealed record Cat(string Name) : Animal(Name);

    private sealed record Numbered(int Publisher, int Sequence);

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef target) => ReceiveAny(m => target.Tell(m));
    }

    private sealed class OrderChecker : ReceiveActor
    {
        public OrderChecker()
        {
            int[] next = new int[4];
            Receive<Numbered>(n =>
            {
                if (n.Sequence == next[n.Publisher])
                {
                    next[n.Publisher]++;
                }
            });
            Receive<string>(_ => Sender.Tell(next.ToArray()));
        }
    }
}
