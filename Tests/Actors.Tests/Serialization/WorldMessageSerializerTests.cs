using System.Diagnostics;
using System.Runtime.Serialization;
using FluentAssertions;
using WasGo.Actors.Serialization;
using WasGo.Actors.Worlds;
using WasGo.Scripting;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Serialization;

public sealed class WorldMessageSerializerTests(ITestOutputHelper output) : SerializerTestKit(output)
{
    private const int Messages = WorldMessageSerializer.SerializerIdentifier;

    public static TheoryData<string, object> WithManifests => SampleWorldMessages.WithManifests;

    [Theory]
    [MemberData(nameof(WithManifests))]
    public void EveryWorldMessage_Should_RoundTripThroughTheSerializerAkkaBindsToIt_UnderItsShortManifest(string manifest, object message) =>
        ShouldRoundTripUnder<WorldMessageSerializer>(message, manifest);

    [Fact]
    public void Floats_Should_KeepTheirExactBits_ANaNsPayloadAndNegativeZeroIncluded()
    {
        double nan = BitConverter.Int64BitsToDouble(SampleWorldMessages.NaNWithPayload);

        WorldCall call = RoundTrip(new WorldCall("e", "m", [ScriptValue.FromFloat(nan), ScriptValue.FromFloat(-0.0)]), Messages);
        WorldSetTickRate rate = RoundTrip(new WorldSetTickRate(-0.0), Messages);
        WorldStatus status = RoundTrip(SampleWorldMessages.Status, Messages);
        CallResult result = RoundTrip(CallResult.Success(ScriptValue.FromFloat(nan)), Messages);

        BitConverter.DoubleToInt64Bits(call.Arguments[0].AsFloat()).Should().Be(SampleWorldMessages.NaNWithPayload);
        BitConverter.DoubleToInt64Bits(call.Arguments[1].AsFloat()).Should().Be(long.MinValue, "-0.0 is the sign bit alone");
        BitConverter.DoubleToInt64Bits(rate.TickRate).Should().Be(long.MinValue);
        BitConverter.DoubleToInt64Bits(status.TickRate).Should().Be(SampleWorldMessages.NaNWithPayload);
        BitConverter.DoubleToInt64Bits(status.Entities["e1"]["nan"].AsFloat()).Should().Be(SampleWorldMessages.NaNWithPayload);
        BitConverter.DoubleToInt64Bits(result.Value.AsFloat()).Should().Be(SampleWorldMessages.NaNWithPayload);
    }

    [Fact]
    public void StringsAndBytes_Should_ComeBackByteForByte_NonAsciiAndInvalidUtf8Included()
    {
        WorldCall back = RoundTrip(SampleWorldMessages.Call, Messages);

        back.EntityId.Should().Be("ëntity-猫");
        back.Arguments.Should().Equal(SampleWorldMessages.AwkwardValues, "ScriptValue compares kinds and exact bytes");
        back.Arguments[6].AsSpan().ToArray().Should().Equal(0xFF, 0xC3);
        back.Arguments[0].Kind.Should().Be(ScriptValueKind.Nil);
    }

    [Fact]
    public void ErrorReplies_Should_KeepEveryCodeAndMessage()
    {
        foreach (ScriptErrorCode code in Enum.GetValues<ScriptErrorCode>())
        {
            CallResult back = RoundTrip(CallResult.Failure(code, $"{code}: ünexpected"), Messages);

            back.IsSuccess.Should().BeFalse();
            back.Error.Should().Be(new ScriptError(code, $"{code}: ünexpected"));
            back.Value.Should().Be(ScriptValue.Nil);
        }
    }

    [Fact]
    public void ANilSuccess_Should_ComeBackAsTheSharedInstance()
    {
        RoundTrip(CallResult.Success(ScriptValue.Nil), Messages).Should().BeSameAs(CallResult.Success(ScriptValue.Nil));
    }

    [Fact]
    public void AWorldTicked_Should_KeepItsSignalsGivenUpMessagesAndRecoveredFlag_AndTellNoGivenUpFromNone()
    {
        WorldTicked back = RoundTrip(SampleWorldMessages.Ticked, Messages);
        WorldTicked quiet = RoundTrip(new WorldTicked("w", 1, "00", []), Messages);
        WorldTicked emptyGivenUp = RoundTrip(new WorldTicked("w", 1, "00", [], GivenUp: []), Messages);

        back.Signals.Should().HaveCount(2);
        back.Signals[0].Should().BeEquivalentTo(SampleWorldMessages.Ticked.Signals[0], ByMembers);
        back.Signals[1].Arguments.Should().BeEmpty();
        back.GivenUp.Should().Equal(("e1", "trapped: unreachable"), ("e3", "out of fuel"));
        back.Recovered.Should().BeTrue();
        quiet.GivenUp.Should().BeNull();
        quiet.Recovered.Should().BeFalse();
        emptyGivenUp.GivenUp.Should().BeEmpty();
    }

    [Fact]
    public void AnIdempotentInput_Should_CarryEachOfTheFourInputs()
    {
        object[] inputs = [new WorldSpawn("e", "m"), SampleWorldMessages.Call, new WorldDespawn("e"), new WorldSetTickRate(30)];

        foreach (object input in inputs)
        {
            IdempotentInput back = RoundTrip(new IdempotentInput("retry-7", input), Messages);

            back.Key.Should().Be("retry-7");
            back.Input.Should().BeEquivalentTo(input, ByMembers);
        }
    }

    [Fact]
    public void ATracedInput_Should_KeepItsTraceContext_WithOrWithoutATraceState()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        var withState = new ActivityContext(traceId, spanId, ActivityTraceFlags.Recorded, "congo=t61rcWkgMzE", isRemote: false);
        var without = new ActivityContext(traceId, spanId, ActivityTraceFlags.None);

        TracedInput back = RoundTrip(new TracedInput(withState, new WorldDespawn("e")), Messages);
        TracedInput bare = RoundTrip(new TracedInput(without, new IdempotentInput("k", SampleWorldMessages.Call)), Messages);

        back.Trace.Should().Be(new ActivityContext(traceId, spanId, ActivityTraceFlags.Recorded, "congo=t61rcWkgMzE", isRemote: true), "it arrives from another node");
        back.Input.Should().Be(new WorldDespawn("e"));
        bare.Trace.TraceFlags.Should().Be(ActivityTraceFlags.None);
        bare.Trace.TraceState.Should().BeNull();
        bare.Input.Should().BeOfType<IdempotentInput>().Which.Input.Should().BeEquivalentTo(SampleWorldMessages.Call, ByMembers);
    }

    [Fact]
    public void AnIdempotentInputOfAnythingButAnInput_Should_BeRefusedWhenWritten()
    {
        WorldMessageSerializer serializer = MessageSerializer;

        Action write = () => serializer.ToBinary(new IdempotentInput("k", GetWorldStatus.Instance));

        write.Should().Throw<ArgumentException>().WithMessage("*GetWorldStatus*WorldSpawn, WorldCall, WorldDespawn, WorldSetTickRate*");
    }

    [Fact]
    public void AnUnknownManifest_Should_ThrowSerializationException_NamingTheKnownOnes()
    {
        Action read = () => MessageSerializer.FromBinary([], "zz");

        read.Should().Throw<SerializationException>().WithMessage("*'zz'*'wc'*");
    }

    [Fact]
    public void EveryTruncationAndEveryTrailingByte_Should_ThrowSerializationException()
    {
        WorldMessageSerializer serializer = MessageSerializer;
        foreach (object message in SampleWorldMessages.All)
        {
            byte[] bytes = serializer.ToBinary(message);
            string manifest = serializer.Manifest(message);

            EveryTruncationShouldBeRefused(serializer, bytes, manifest);
            Action longer = () => serializer.FromBinary([.. bytes, 0], manifest);
            longer.Should().Throw<SerializationException>().WithMessage("*1 bytes follow its end*");
        }
    }

    [Fact]
    public void CorruptCountsTagsFlagsAndCodes_Should_ThrowSerializationException()
    {
        byte[] hugeCount = [1, 0, 0, 0, (byte)'e', 1, 0, 0, 0, (byte)'m', 0xFF, 0xFF, 0xFF, 0x7F];
        byte[] badTag = [1, 0, 0, 0, (byte)'e', 1, 0, 0, 0, (byte)'m', 1, 0, 0, 0, 9];
        byte[] badFlag = [0, 2];
        byte[] badCode = [0, 1, 200, 0, 0, 0, 0];
        byte[] negativeLength = [0xFF, 0xFF, 0xFF, 0xFF];

        Action[] reads =
        [
            () => MessageSerializer.FromBinary(hugeCount, "wc"),
            () => MessageSerializer.FromBinary(badTag, "wc"),
            () => MessageSerializer.FromBinary(badFlag, "cr"),
            () => MessageSerializer.FromBinary(badCode, "cr"),
            () => MessageSerializer.FromBinary(negativeLength, "wd"),
        ];

        reads[0].Should().Throw<SerializationException>().WithMessage("*count*2147483647*");
        reads[1].Should().Throw<SerializationException>().WithMessage("*value at byte 14*");
        reads[2].Should().Throw<SerializationException>().WithMessage("*flag*2*");
        reads[3].Should().Throw<SerializationException>().WithMessage("*error code 200*");
        reads[4].Should().Throw<SerializationException>().WithMessage("*count at byte 0 is -1*");
    }

    [Fact]
    public void RandomlyCorruptedBytes_Should_ReadAsSomeMessage_OrThrowSerializationException_NeverAnythingElse()
    {
        WorldMessageSerializer serializer = MessageSerializer;
        var random = new Random(4711);
        foreach (object message in SampleWorldMessages.All)
        {
            byte[] bytes = serializer.ToBinary(message);
            string manifest = serializer.Manifest(message);
            for (int round = 0; round < 200 && bytes.Length > 0; round++)
            {
                byte[] corrupt = [.. bytes];
                corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);

                try
                {
                    serializer.FromBinary(corrupt, manifest);
                }
                catch (SerializationException)
                {
                    // Refused, as it should be; anything else fails the test.
                }
            }
        }
    }
}
