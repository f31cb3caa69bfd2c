using FluentAssertions;
using WasGo.Actors.TestKit;

namespace WasGo.Scripting.Tests.Sdk;

/// <summary>The SDK's examples, the same behaviour in each language, each run in a <see cref="ScriptHarness"/>'s world.</summary>
public sealed class ExampleTests
{
    [Theory]
    [InlineData("c")]
    [InlineData("assemblyscript")]
    public void Counter_Should_Count(string language)
    {
        using var harness = new ScriptHarness();
        harness.SpawnFile(SdkBuild.Example(language, "counter"), "c").IsSuccess.Should().BeTrue();

        harness.CallOn("c", "increment", 3L).Value.AsInteger().Should().Be(3);
        harness.CallOn("c", "increment", 4L).Value.AsInteger().Should().Be(7);
        harness.CallOn("c", "get").Value.AsInteger().Should().Be(7);
        harness.CallOn("c", "reset").IsSuccess.Should().BeTrue();
        harness.CallOn("c", "get").Value.AsInteger().Should().Be(0);
    }

    [Theory]
    [InlineData("c")]
    [InlineData("assemblyscript")]
    public void Door_Should_OpenAndClose_EmittingASignalOnlyWhenItChanges(string language)
    {
        using var harness = new ScriptHarness();
        harness.SpawnFile(SdkBuild.Example(language, "door"), "front-door").IsSuccess.Should().BeTrue();

        harness.CallOn("front-door", "open", "alice").IsSuccess.Should().BeTrue();
        harness.CallOn("front-door", "open", "bob").IsSuccess.Should().BeTrue();
        harness.CallOn("front-door", "close").IsSuccess.Should().BeTrue();

        harness.Signals.Should().HaveCount(2, "the second open changed nothing, so it emitted nothing");
        EntitySignal opened = harness.Signals[0];
        opened.EntityId.Should().Be("front-door");
        opened.Signal.Should().Be("opened");
        opened.Arguments.Should().Equal(ScriptValue.FromString("alice"));
        EntitySignal closed = harness.Signals[1];
        closed.EntityId.Should().Be("front-door");
        closed.Signal.Should().Be("closed");
        closed.Arguments.Should().Equal(ScriptValue.Nil);
        harness.CallOn("front-door", "is_open").Value.AsInteger().Should().Be(0);
        harness.Signals.Should().HaveCount(2, "asking changes nothing either");
        harness.State("front-door")["changes"].AsInteger().Should().Be(2);
    }

    [Theory]
    [InlineData("c")]
    [InlineData("assemblyscript")]
    public void Pet_Should_FollowItsOwner_GetHungryOnATimer_AndEat(string language)
    {
        // Two ticks a second: each _process gets a delta of 0.5 s, and the 1 s hunger timer falls due every other tick.
        using var harness = new ScriptHarness(tickRate: 2);
        harness.SpawnFile(SdkBuild.Example(language, "pet"), "rex").IsSuccess.Should().BeTrue();
        harness.CallOn("rex", "set_owner", "bob").IsSuccess.Should().BeTrue();
        harness.CallOn("rex", "owner_moved", 10.0, 0.0).IsSuccess.Should().BeTrue();

        harness.RunTicks(1);
        harness.State("rex")["hunger"].AsInteger().Should().Be(0, "half a second in, the hunger timer has not fired yet");
        harness.RunTicks(11);

        IReadOnlyDictionary<string, ScriptValue> state = harness.State("rex");
        state["x"].AsFloat().Should().BeApproximately(10.0, 1e-9, "speed 2 for 12 half-second ticks covers the 10 units");
        state["y"].AsFloat().Should().Be(0.0);
        state["owner"].AsString().Should().Be("bob");
        harness.Time.Should().Be(6.0);
        state["hunger"].AsInteger().Should().Be(6, "the repeating 1 s timer fired once per second of world time");
        harness.GivenUp.Should().BeEmpty();

        harness.CallOn("rex", "feed").IsSuccess.Should().BeTrue();
        harness.State("rex")["hunger"].AsInteger().Should().BeLessThan(1);
    }

    [Theory]
    [InlineData("c")]
    [InlineData("assemblyscript")]
    public void Npc_Should_WanderTheSameWayEverywhere_AndGreet(string language)
    {
        string npc = SdkBuild.Example(language, "npc");

        // Twenty ticks a second: each _process gets a delta of 0.05 s.
        (IReadOnlyDictionary<string, ScriptValue> One, IReadOnlyDictionary<string, ScriptValue> Two) Wander(bool greet)
        {
            using var harness = new ScriptHarness(tickRate: 20);
            harness.SpawnFile(npc, "npc-1").IsSuccess.Should().BeTrue();
            harness.SpawnFile(npc, "npc-2").IsSuccess.Should().BeTrue();
            if (greet)
            {
                harness.CallOn("npc-1", "greet", "Ann").Value.AsString().Should().Be("Hello, Ann! I am npc-1.");
            }

            harness.RunTicks(5);

            harness.CallOn("npc-1", "steps").Value.AsInteger().Should().Be(5);
            harness.CallOn("npc-2", "steps").Value.AsInteger().Should().Be(5);
            return (harness.State("npc-1"), harness.State("npc-2"));
        }

        var (one, two) = Wander(greet: true);

        one["x"].Should().NotBe(two["x"], "each NPC has its own generator");
        Math.Abs(one["x"].AsFloat()).Should().BeLessThanOrEqualTo(0.25);
        var (again, againTwo) = Wander(greet: false);
        again.Should().Equal(one, "another world with the same seed walks npc-1 the same way (and greeting does not draw from its generator)");
        againTwo.Should().Equal(two);
    }
}
