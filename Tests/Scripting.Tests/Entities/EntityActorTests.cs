using FluentAssertions;
using WasGo.Actors;
using WasGo.Persistence;
using Xunit.Abstractions;

namespace WasGo.Scripting.Tests.Entities;

public sealed class EntityActorTests(ITestOutputHelper output) : EntityTestKit(output)
{
    [Fact]
    public async Task Call_Should_RunTheMethod_AndKeepItsStateChanges()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");

        (await CallAsync(region, "c1", "increment", 5L)).Should().Be(CallResult.Success(ScriptValue.FromInteger(5)));
        (await CallAsync(region, "c1", "increment", 2L)).Value.AsInteger().Should().Be(7);
        (await CallAsync(region, "c2", "get")).Value.AsInteger().Should().Be(0, "each entity has its own row");

        EntityState state = await StateAsync(region, "c1");
        state.Columns["count"].AsInteger().Should().Be(7);
        state.Columns.Keys.Should().NotContain(k => k.StartsWith('$'));
    }

    [Fact]
    public async Task Strings_Should_CrossThroughArgumentsAndResults()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");

        (await CallAsync(region, "g", "greet", "wörld")).Value.AsString().Should().Be("hello, wörld");
        (await CallAsync(region, "g", "whoami")).Value.AsString().Should().Be("g");
    }

    [Theory]
    [InlineData("nope", new object[] { }, ScriptErrorCode.UnknownMethod)]
    [InlineData("_ready", new object[] { }, ScriptErrorCode.UnknownMethod)]
    [InlineData("increment", new object[] { "five" }, ScriptErrorCode.BadArguments)]
    [InlineData("increment", new object[] { 1L, 2L }, ScriptErrorCode.BadArguments)]
    [InlineData("increment", new object[] { 1.5 }, ScriptErrorCode.BadArguments)]
    public async Task Call_Should_FailWithTheAbisError_ForAWrongCall(string method, object[] arguments, ScriptErrorCode expected)
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");

        CallResult result = await CallAsync(region, "e", method, arguments);

        result.Error!.Code.Should().Be(expected);
        (await CallAsync(region, "e", "get")).IsSuccess.Should().BeTrue("a refused call leaves the entity serving");
    }

    [Fact]
    public async Task AnOversizedResult_Should_BeRefusedByTheImport_AndLeaveNilAsTheResult()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");
        (await CallAsync(region, "h", "huge")).Should().Be(CallResult.Success(ScriptValue.Nil));
    }

    [Fact]
    public async Task ATrap_Should_UndoTheCallsChanges_RetryOnceOnAFreshInstance_ThenReportTheTrap()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");
        TestActor.Tell("subscribe"); // make sure the probe exists before subscribing
        Sys.EventStream.Subscribe<EntityDeadLetter>(TestActor.Ref);
        await TestActor.ExpectMsgAsync<string>();
        await CallAsync(region, "t", "increment", 3L);

        CallResult result = await CallAsync(region, "t", "boom");

        result.Error!.Code.Should().Be(ScriptErrorCode.Trapped);
        result.Error.Message.Should().Contain("unreachable");
        (await TestActor.ExpectMsgAsync<EntityDeadLetter>()).EntityId.Should().Be("t");
        (await CallAsync(region, "t", "get")).Value.AsInteger().Should().Be(3, "the trapping call's write was undone");
        EntityState state = await StateAsync(region, "t");
        state.Columns["readies"].AsInteger().Should().Be(3, "_ready ran on the first instance, on the fresh one the call was retried on, and on the one after it");
    }

    [Fact]
    public async Task State_Should_BePersisted_AndRestoredOnTheNextActivation()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef first = Region("counter");
        await CallAsync(first, "p", "increment", 4L);
        CallResult durable = await first.Ask<CallResult>(new EntityEnvelope("p", new EntityCall("increment", [ScriptValue.FromInteger(6)], Durable: true)), TimeSpan.FromSeconds(10));
        durable.Value.AsInteger().Should().Be(10);
        StateRow stored = StateRow.Decode((await Store.DurableState.GetAsync("entity/test-world/p"))!.Payload.Span);
        stored["count"].AsInteger().Should().Be(10, "a durable reply comes after the write that carries its change");

        Sys.Stop(first);
        IActorRef second = Region("counter");
        (await CallAsync(second, "p", "get")).Value.AsInteger().Should().Be(10);
    }

    [Fact]
    public async Task WriteBehind_Should_CoalesceWrites_AndAnswerADurableCallOnlyOnceItsChangeIsStored()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");
        for (int i = 0; i < 1000; i++)
        {
            region.Tell(new EntityEnvelope("busy", new EntityCall("increment", [ScriptValue.FromInteger(1)])));
        }

        CallResult durable = await region.Ask<CallResult>(new EntityEnvelope("busy", new EntityCall("increment", [ScriptValue.FromInteger(1)], Durable: true)), TimeSpan.FromSeconds(10));

        durable.Value.AsInteger().Should().Be(1001);
        DurableStateRecord stored = (await Store.DurableState.GetAsync("entity/test-world/busy"))!;
        StateRow.Decode(stored.Payload.Span)["count"].AsInteger().Should().Be(1001, "the durable reply came after a write that includes its change");
        stored.Revision.Should().BeLessThan(500, "while a write is in flight, later changes wait and go out together");
    }

    [Fact]
    public async Task AnIdleEntity_Should_BePassivated_AndReactivatedTransparently()
    {
        Options.IdleTimeout = TimeSpan.FromMilliseconds(200);
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");
        await CallAsync(region, "idle", "increment", 9L);
        (await region.Ask<RegionState>(GetRegionState.Instance, TimeSpan.FromSeconds(5))).ActiveEntities.Should().Contain("idle");

        await AwaitConditionAsync(async () => !(await region.Ask<RegionState>(GetRegionState.Instance, TimeSpan.FromSeconds(5))).ActiveEntities.Contains("idle"), TimeSpan.FromSeconds(10));

        (await CallAsync(region, "idle", "get")).Value.AsInteger().Should().Be(9);
    }

    [Fact]
    public async Task Send_Should_DeliverAOneWayCallToAnotherEntity()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");

        await CallAsync(region, "a", "poke", "b");
        await CallAsync(region, "a", "poke", "b");

        await AwaitConditionAsync(async () => (await CallAsync(region, "b", "get")).Value.AsInteger() == 2);
    }

    [Fact]
    public async Task Call_Should_BringTheReplyBackThroughReply()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");
        await CallAsync(region, "b", "increment", 42L);

        long callId = (await CallAsync(region, "a", "ask", "b")).Value.AsInteger();

        callId.Should().BePositive();
        await AwaitConditionAsync(async () => (await StateAsync(region, "a")).Columns.TryGetValue("answer", out ScriptValue v) && v.AsInteger() == 42);
    }

    [Fact]
    public async Task Emit_Should_PublishTheSignal_WithItsArguments()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");
        Sys.EventStream.Subscribe<EntitySignal>(TestActor.Ref);

        await CallAsync(region, "door", "open");

        EntitySignal signal = await TestActor.ExpectMsgAsync<EntitySignal>();
        signal.Should().BeEquivalentTo(new EntitySignal("test-world", "door", "opened", [ScriptValue.FromString("hello")]));
    }

    [Fact]
    public async Task ATimer_Should_CallTimerWithItsId()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");

        await CallAsync(region, "alarm", "arm", 20L);

        await AwaitConditionAsync(async () => (await StateAsync(region, "alarm")).Columns.TryGetValue("fired", out ScriptValue v) && v.AsInteger() == 7);
    }

    [Fact]
    public async Task Random_Should_BeDeterministicPerEntity_AndContinueAcrossActivations()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");
        long first = (await CallAsync(region, "dice", "roll")).Value.AsInteger();
        long second = (await CallAsync(region, "dice", "roll")).Value.AsInteger();
        long other = (await CallAsync(region, "coin", "roll")).Value.AsInteger();
        Sys.Stop(region);

        // Another world with the same seed: the same entity id rolls the same numbers.
        Options.WorldId = "replay-world";
        IActorRef replay = Region("counter");
        (await CallAsync(replay, "dice", "roll")).Value.AsInteger().Should().Be(first);
        (await CallAsync(replay, "dice", "roll")).Value.AsInteger().Should().Be(second);
        first.Should().NotBe(second).And.NotBe(other);
    }

    [Fact]
    public async Task Process_Should_CallProcessWithTheDelta()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");

        for (int i = 0; i < 3; i++)
        {
            (await region.Ask<CallResult>(new EntityEnvelope("ticker", new EntityProcess(0.05)), TimeSpan.FromSeconds(5))).IsSuccess.Should().BeTrue();
        }

        (await CallAsync(region, "ticker", "get")).Value.AsInteger().Should().Be(3);
    }

    [Fact]
    public async Task AnEntityOfAnUndeployedModule_Should_AnswerUnavailable()
    {
        IActorRef region = Region("missing");
        CallResult result = await CallAsync(region, "x", "get");
        result.Error!.Code.Should().Be(ScriptErrorCode.Unavailable);
        result.Error.Message.Should().Contain("missing");
    }

    [Fact]
    public async Task Upgrade_Should_MoveARunningEntityToTheNewestVersion_KeepingItsState()
    {
        await DeployAsync("counter", "1", Scripts.Counter());
        IActorRef region = Region("counter");
        await CallAsync(region, "u", "increment", 4L);
        await DeployAsync("counter", "2", Scripts.Counter(factor: 10));

        (await CallAsync(region, "u", "get")).Value.AsInteger().Should().Be(4, "a running entity keeps its version until upgraded");
        (await region.Ask<CallResult>(new EntityEnvelope("u", UpgradeEntity.Instance), TimeSpan.FromSeconds(5))).IsSuccess.Should().BeTrue();

        (await CallAsync(region, "u", "get")).Value.AsInteger().Should().Be(40);
        (await CallAsync(region, "fresh", "increment", 1L)).IsSuccess.Should().BeTrue();
        (await CallAsync(region, "fresh", "get")).Value.AsInteger().Should().Be(10, "a new activation runs the newest version");
    }
}
