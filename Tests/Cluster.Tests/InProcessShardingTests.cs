using FluentAssertions;
using Akka.Actor;
using WasGo.Cluster.Node;
using Xunit.Abstractions;

namespace WasGo.Cluster.Tests;

/// <summary>Sharding on one node with the in-process transport: the same region and entities, no servers.</summary>
public sealed class InProcessShardingTests(ITestOutputHelper output) : ClusterTestKit(nameof(InProcessShardingTests), output)
{
    private const int Shards = 16;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Region_Should_DeliverToEntities_AndReportThemInItsState()
    {
        await using ClusterSharding sharding = Sharding();
        IActorRef region = await sharding.StartAsync(SampleTypes.Echo, Props.Create<EchoEntity>(), new HashCodeMessageExtractor(Shards));

        for (int i = 0; i < 10; i++)
        {
            (await region.Ask<Echo>(new ShardingEnvelope("e" + i, new Echo(i)), Timeout)).Should().Be(new Echo(i));
        }

        CurrentShardRegionState state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Timeout);
        state.Shards.SelectMany(s => s.EntityIds).Should().BeEquivalentTo(Enumerable.Range(0, 10).Select(i => "e" + i));
        state.Shards.Should().OnlyContain(s => s.EntityIds.All(id => HashCodeMessageExtractor.ShardIdOf(id, Shards).ToString(System.Globalization.CultureInfo.InvariantCulture) == s.ShardId));
        ClusterShardingStats stats = await region.Ask<ClusterShardingStats>(GetClusterShardingStats.Instance, Timeout);
        stats.Regions.Should().ContainSingle().Which.Value.Stats.Should().HaveCount(Shards, "a single node owns every shard");
    }

    [Fact]
    public async Task StartEntity_Should_StartTheEntity_AndAcknowledge()
    {
        await using ClusterSharding sharding = Sharding();
        IActorRef region = await sharding.StartAsync(SampleTypes.Echo, Props.Create<EchoEntity>(), new HashCodeMessageExtractor(Shards));

        StartEntityAck ack = await region.Ask<StartEntityAck>(new StartEntity("started"), Timeout);

        ack.Should().Be(new StartEntityAck("started", HashCodeMessageExtractor.ShardIdOf("started", Shards).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        CurrentShardRegionState state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Timeout);
        state.Shards.SelectMany(s => s.EntityIds).Should().Equal("started");
    }

    [Fact]
    public async Task IdleEntities_Should_BePassivated_AndStartAgainOnTheirNextMessage()
    {
        await using ClusterSharding sharding = Sharding(o => o.PassivateIdleEntityAfter = TimeSpan.FromMilliseconds(200));
        IActorRef region = await sharding.StartAsync(SampleTypes.Echo, Props.Create<EchoEntity>(), new HashCodeMessageExtractor(Shards));
        await region.Ask<Echo>(new ShardingEnvelope("idle", new Echo(1)), Timeout);

        await AwaitConditionAsync(async () => (await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Timeout)).Shards.All(s => s.EntityIds.Count == 0), Timeout);

        (await region.Ask<Echo>(new ShardingEnvelope("idle", new Echo(2)), Timeout)).Should().Be(new Echo(2));
    }

    [Fact]
    public async Task Passivate_Should_StopTheEntity_ThatAskedForIt()
    {
        await using ClusterSharding sharding = Sharding();
        IActorRef region = await sharding.StartAsync("leaving", Props.Create<PassivatingEntity>(), new HashCodeMessageExtractor(Shards));

        (await region.Ask<string>(new ShardingEnvelope("p", "bye"), Timeout)).Should().Be("bye");

        await AwaitConditionAsync(async () => (await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Timeout)).Shards.All(s => s.EntityIds.Count == 0), Timeout);
    }

    [Fact]
    public async Task MessagesWithoutAnEntityId_Should_BeRefused_WithAReasonTheSenderCanAct_On()
    {
        await using ClusterSharding sharding = Sharding();
        IActorRef region = await sharding.StartAsync(SampleTypes.Echo, Props.Create<EchoEntity>(), new HashCodeMessageExtractor(Shards));

        Func<Task> ask = () => region.Ask<Echo>("no envelope", Timeout);

        (await ask.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("ShardingEnvelope");
        (await region.Ask<Echo>(new ShardingEnvelope("still-serving", new Echo(3)), Timeout)).Should().Be(new Echo(3), "a bad message never stops the region");
    }

    [Fact]
    public void BadOptions_Should_BeRefused_NamingTheSetting()
    {
        Action create = () => Sharding(o => o.ShardCount = 0);

        create.Should().Throw<ArgumentException>().WithMessage("*Cluster:ShardCount is 0*between 1 and*");
    }

    private ClusterSharding Sharding(Action<ClusterShardingOptions>? configure = null)
    {
        var options = new ClusterShardingOptions { NodeId = "single", ShardCount = Shards };
        configure?.Invoke(options);
        return new ClusterSharding(Sys, options, ShardTransportFactory.InProcess(), SampleTypes.Serializer());
    }

    /// <summary>Answers, then asks its shard to stop it.</summary>
    private sealed class PassivatingEntity : ReceiveActor
    {
        public PassivatingEntity() => Receive<string>(message =>
        {
            Sender.Tell(message);
            Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self);
        });
    }
}
