using System.Text.Json;
using FluentAssertions;
using WasGo.Actors.Worlds;
using WasGo.Scripting;

namespace WasGo.Actors.Tests.Worlds;

public sealed class WorldMessageSerializationTests
{
    private static readonly ScriptValue[] s_awkward =
    [
        ScriptValue.Nil,
        ScriptValue.FromInteger(long.MinValue),
        ScriptValue.FromFloat(-0.0),
        ScriptValue.FromFloat(BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001)), // a NaN with a payload
        ScriptValue.FromUtf8([0xFF, 0xC3]), // a string that is not valid UTF-8
        ScriptValue.FromBytes([0, 1, 2, 255]),
    ];

    [Fact]
    public void ACall_Should_ComeBackWithEveryValueBitForBit()
    {
        var call = new WorldCall("e", "m", s_awkward);

        WorldCall back = RoundTrip(call);

        back.EntityId.Should().Be("e");
        back.Arguments.Should().Equal(s_awkward, "NaN payloads, -0.0 and invalid UTF-8 survive the trip between nodes");
    }

    [Fact]
    public void AStatus_Should_ComeBackWithItsEntitiesColumns()
    {
        var status = new WorldStatus("w", 7, "ab", new Dictionary<string, IReadOnlyDictionary<string, ScriptValue>> { ["e"] = new Dictionary<string, ScriptValue> { ["nan"] = s_awkward[3] } }, 20);

        WorldStatus back = RoundTrip(status);

        back.Tick.Should().Be(7);
        back.Entities["e"]["nan"].Should().Be(s_awkward[3]);
    }

    [Fact]
    public void ATick_Should_KeepItsSignalsAndGivenUpMessages()
    {
        var ticked = new WorldTicked("w", 3, "cd", [new EntitySignal("w", "e", "rang", [ScriptValue.FromInteger(2)])], GivenUp: [("e", "trapped")]);

        WorldTicked back = RoundTrip(ticked);

        back.Signals.Single().Arguments.Should().Equal(ScriptValue.FromInteger(2));
        back.GivenUp.Should().Equal(("e", "trapped"));
    }

    [Fact]
    public void AMalformedValue_Should_BeRefusedAsJson_NotCrashTheReader()
    {
        string json = JsonSerializer.Serialize(new WorldCall("e", "m", [ScriptValue.FromInteger(1)]), WorldMessageSerialization.Options);
        string truncated = json.Replace(Convert.ToBase64String([1, 1, 0, 0, 0, 0, 0, 0, 0]), Convert.ToBase64String([1, 1]), StringComparison.Ordinal);

        Action read = () => JsonSerializer.Deserialize<WorldCall>(truncated, WorldMessageSerialization.Options);

        truncated.Should().NotBe(json);
        read.Should().Throw<JsonException>().WithMessage("*malformed*");
    }

    private static T RoundTrip<T>(T message) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(message, WorldMessageSerialization.Options), WorldMessageSerialization.Options)!;
}
