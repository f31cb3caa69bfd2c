using FluentAssertions;
using Akka.Actor;
using Akka.Event;
using WasGo.Scripting.Tests.Entities;
using Xunit.Abstractions;

namespace WasGo.Scripting.Tests.Sdk;

/// <summary>The SDK's examples, the same behaviour in each language.</summary>
public sealed class ExampleTests(ITestOutputHelper output) : EntityTestKit(output)
{
    [Theory]
    [InlineData("c")]
    [InlineData("assemblyscript")]
    public async Task Counter_Should_Count(string language)
    {
        IActorRef region = await DeployExampleAsync(language, "counter");

        (await CallAsync(region, "c", "increment", 3L)).Value.AsInteger().Should().Be(3);
        (await CallAsync(region, "c", "increment", 4L)).Value.AsInteger().Should().Be(7);
        (await CallAsync(region, "c", "get")).Value.AsInteger().Should().Be(7);
        await CallAsync(region, "c", "reset");
        (await CallAsync(region, "c", "get")).Value.AsInteger().Should().Be(0);
    }

    [Theory]
    [InlineData("c")]
    [InlineData("assemblyscript")]
    public async Task Door_Should_OpenAndClose_EmittingASignalOnlyWhenItChanges(string language)
    {
        IActorRef region = await DeployExampleAsync(language, "door");
        Sys.EventStream.Subscribe<EntitySignal>(TestActor.Ref);

        await CallAsync(region, "front-door", "open", "alice");
        await CallAsync(region, "front-door", "open", "bob");
        await CallAsync(region, "front-door", "close");

        EntitySignal opened = await TestActor.ExpectMsgAsync<EntitySignal>();
        opened.Signal.Should().Be("opened");
        opened.Arguments.Should().Equal(ScriptValue.FromString("alice"));
        EntitySignal closed = await TestActor.ExpectMsgAsync<EntitySignal>();
        closed.Signal.Should().Be("closed");
        closed.Arguments.Should().Equal(ScriptValue.Nil);
        await TestActor.ExpectNoMsgAsync();
        (await CallAsync(region, "front-door", "is_open")).Value.AsInteger().Should().Be(0);
        (await StateAsync(region, "front-door")).Columns["changes"].AsInteger().Should().Be(2);
    }

    [Theory]
    [InlineData("c")]
    [InlineData("assemblyscript")]
    public async Task Pet_Should_FollowItsOwner_GetHungryOnATimer_AndEat(string language)
    {
        IActorRef region = await DeployExampleAsync(language, "pet");
        await CallAsync(region, "rex", "set_owner", "bob");
        await CallAsync(region, "rex", "owner_moved", 10.0, 0.0);

        for (int tick = 0; tick < 12; tick++)
        {
            await region.Ask<CallResult>(new EntityEnvelope("rex", new EntityProcess(0.5)), TimeSpan.FromSeconds(5));
        }

        EntityState state = await StateAsync(region, "rex");
        state.Columns["x"].AsFloat().Should().BeApproximately(10.0, 1e-9, "speed 2 for 12 half-second ticks covers the 10 units");
        state.Columns["y"].AsFloat().Should().Be(0.0);
        state.Columns["owner"].AsString().Should().Be("bob");

        await AwaitConditionAsync(async () => (await StateAsync(region, "rex")).Columns["hunger"].AsInteger() >= 1, TimeSpan.FromSeconds(10));
        (await CallAsync(region, "rex", "feed")).IsSuccess.Should().BeTrue();
        (await StateAsync(region, "rex")).Columns["hunger"].AsInteger().Should().BeLessThan(1);
    }

    [Theory]
    [InlineData("c")]
    [InlineData("assemblyscript")]
    public async Task Npc_Should_WanderTheSameWayEverywhere_AndGreet(string language)
    {
        IActorRef region = await DeployExampleAsync(language, "npc");

        (await CallAsync(region, "npc-1", "greet", "Ann")).Value.AsString().Should().Be("Hello, Ann! I am npc-1.");
        for (int tick = 0; tick < 5; tick++)
        {
            await region.Ask<CallResult>(new EntityEnvelope("npc-1", new EntityProcess(0.05)), TimeSpan.FromSeconds(5));
            await region.Ask<CallResult>(new EntityEnvelope("npc-2", new EntityProcess(0.05)), TimeSpan.FromSeconds(5));
        }

        (await CallAsync(region, "npc-1", "steps")).Value.AsInteger().Should().Be(5);
        EntityState one = await StateAsync(region, "npc-1");
        EntityState two = await StateAsync(region, "npc-2");
        one.Columns["x"].Should().NotBe(two.Columns["x"], "each NPC has its own generator");
        Math.Abs(one.Columns["x"].AsFloat()).Should().BeLessThanOrEqualTo(0.25);
    }

    private async Task<IActorRef> DeployExampleAsync(string language, string name)
    {
        await Store.Modules.PutAsync(name, "1", await File.ReadAllBytesAsync(SdkBuild.Example(language, name)));
        return Region(name);
    }
}
