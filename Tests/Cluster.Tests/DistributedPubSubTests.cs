using FluentAssertions;
using Microsoft.Extensions.Logging;
using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using WasGo.Actors.TestKit;
using WasGo.Cluster.Node;
using WasGo.Persistence;
using Xunit.Abstractions;

namespace WasGo.Cluster.Tests;

/// <summary>Publish-subscribe between two nodes (two actor systems) through the real RabbitMQ, and on one node without it.</summary>
public sealed class DistributedPubSubTests(ITestOutputHelper output) : ClusterTestKit(nameof(DistributedPubSubTests), output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task APublishedMessage_Should_ReachTheSubscribersOnEveryNode_OfItsTopicOnly()
    {
        string prefix = "pubsub-" + Guid.NewGuid().ToString("N")[..12];
        using ILoggerFactory otherLogging = LoggerFactory.Create(b => b.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning));
        ActorSystem other = ActorSystem.Create("other", ClusterTestKit.Setup(otherLogging));
        try
        {
            await using DistributedPubSub here = await ConnectAsync(Sys, prefix);
            await using DistributedPubSub there = await ConnectAsync(other, prefix);
            TestProbe local = CreateTestProbe();
            TestProbe remote = CreateTestProbe();
            TestProbe otherTopic = CreateTestProbe();
            await SubscribeAsync(here, "ticks", local);
            await SubscribeAsync(there, "ticks", remote);
            await SubscribeAsync(there, "other", otherTopic);

            here.Mediator.Tell(new Publish("ticks", new Echo(1)));
            there.Mediator.Tell(new Publish("ticks", new Echo(2)));

            (await local.ReceiveNAsync(2, Timeout).ToListAsync()).Should().BeEquivalentTo(new object[] { new Echo(1), new Echo(2) });
            (await remote.ReceiveNAsync(2, Timeout).ToListAsync()).Should().BeEquivalentTo(new object[] { new Echo(1), new Echo(2) });
            await otherTopic.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        }
        finally
        {
            await other.Terminate();
        }
    }

    [Fact]
    public async Task ASubscriber_Should_GetNothingMore_OnceItUnsubscribedOrStopped()
    {
        string prefix = "pubsub-" + Guid.NewGuid().ToString("N")[..12];
        await using DistributedPubSub pubSub = await ConnectAsync(Sys, prefix);
        TestProbe leaving = CreateTestProbe();
        TestProbe stopping = CreateTestProbe();
        TestProbe staying = CreateTestProbe();
        await SubscribeAsync(pubSub, "t", leaving);
        await SubscribeAsync(pubSub, "t", stopping);
        await SubscribeAsync(pubSub, "t", staying);
        var unsubscribe = new Unsubscribe("t", leaving.Ref);
        (await pubSub.Mediator.Ask<UnsubscribeAck>(unsubscribe, Timeout)).Unsubscribe.Should().Be(unsubscribe);
        Watch(stopping);
        Sys.Stop(stopping);
        await ExpectTerminatedAsync(stopping);
        TestProbe deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters, typeof(DeadLetter));

        pubSub.Mediator.Tell(new Publish("t", new Echo(3)));

        (await staying.ExpectMsgAsync<Echo>(Timeout)).Should().Be(new Echo(3));
        await leaving.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        await deadLetters.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // the stopped subscriber was dropped, not sent to
    }

    [Fact]
    public async Task Subscribing_Should_RefuseATopicThatWouldBeAPattern()
    {
        DistributedPubSub pubSub = DistributedPubSub.InProcess(Sys);

        Func<Task> subscribe = () => pubSub.Mediator.Ask<SubscribeAck>(new Subscribe("ticks.#", TestActor), Timeout);

        await subscribe.Should().ThrowAsync<ArgumentException>().WithMessage("*ticks.#*");
    }

    [Fact]
    public async Task InProcess_Should_DeliverToThisNodesSubscribers_WithoutABroker()
    {
        DistributedPubSub pubSub = DistributedPubSub.InProcess(Sys);
        await SubscribeAsync(pubSub, "t", TestActor);

        pubSub.Mediator.Tell(new Publish("t", "not even serializable"));

        await ExpectMsgAsync("not even serializable");
    }

    [Fact]
    public async Task ATopicTheBrokerRefuses_Should_FailItsSubscription_AndKeepTheOthers()
    {
        var wire = new RefusingWire { Refused = "refused" };
        IActorRef mediator = Sys.ActorOf(Props.Create(() => new PubSubMediator(wire, new PersistenceSerializer().RegisterJson<Echo>("sample.echo"))));
        await mediator.Ask<SubscribeAck>(new Subscribe("kept", TestActor), Timeout);

        Func<Task> refused = () => mediator.Ask<SubscribeAck>(new Subscribe("refused", TestActor), Timeout);
        await refused.Should().ThrowAsync<InvalidOperationException>().WithMessage("*refused*");
        mediator.Tell(new PubSubDelivery("kept", "sample.echo", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Echo(5))));

        await ExpectMsgAsync(new Echo(5)); // the mediator did not restart and forget its subscribers
    }

    /// <summary>A wire whose broker refuses to bind one topic.</summary>
    private sealed class RefusingWire : IPubSubWire
    {
        public required string Refused { get; init; }

        public Task ListenAsync(string topic, CancellationToken cancellationToken) =>
            topic == Refused ? Task.FromException(new IOException("the broker is away")) : Task.CompletedTask;

        public Task StopListeningAsync(string topic, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Publish(string topic, string manifest, byte[] payload)
        {
            // Nothing is published in this test.
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static Task<DistributedPubSub> ConnectAsync(ActorSystem system, string prefix) =>
        DistributedPubSub.ConnectAsync(system, new DistributedPubSubOptions { Uri = TestServers.RabbitMq, ExchangePrefix = prefix, NodeId = system.Name }, new PersistenceSerializer().RegisterJson<Echo>("sample.echo"));

    private static async Task SubscribeAsync(DistributedPubSub pubSub, string topic, IActorRef subscriber) =>
        await pubSub.Mediator.Ask<SubscribeAck>(new Subscribe(topic, subscriber), Timeout);
}
