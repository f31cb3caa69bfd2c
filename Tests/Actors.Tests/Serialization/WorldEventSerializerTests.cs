using System.Runtime.Serialization;
using FluentAssertions;
using WasGo.Actors.Serialization;
using WasGo.Scripting;
using Xunit.Abstractions;

namespace WasGo.Actors.Tests.Serialization;

public sealed class WorldEventSerializerTests(ITestOutputHelper output) : SerializerTestKit(output)
{
    private const int Events = WorldEventSerializer.SerializerIdentifier;

    private static readonly RecordedTick s_tick = new(
        12,
        [new SpawnInput("e1", "sha256:ab"), new CallInput("e1", "bump", SampleWorldMessages.AwkwardValues), new DespawnInput("e2"), new SetTickRateInput(-0.0)],
        ["key-1", null, "kéy-3", null]);

    private static readonly RecordedTimeouts s_timeouts = new(13, [new TimedOutCall("e1", 0), new TimedOutCall("ë2", 3)]);

    private static readonly RecordedProgress s_progress = new(long.MaxValue);

    public static TheoryData<string, object> WithManifests => new()
    {
        { RecordedTick.Manifest, s_tick },
        { RecordedTimeouts.Manifest, s_timeouts },
        { RecordedProgress.Manifest, s_progress },
    };

    [Theory]
    [MemberData(nameof(WithManifests))]
    public void EveryJournalEvent_Should_RoundTripUnderItsVersionedManifest(string manifest, object recorded) =>
        ShouldRoundTripUnder<WorldEventSerializer>(recorded, manifest);

    [Fact]
    public void ARecordedCall_Should_KeepItsValuesExactBits()
    {
        RecordedTick back = RoundTrip(s_tick, Events);

        back.Inputs[1].Should().BeOfType<CallInput>().Which.Arguments.Should().Equal(SampleWorldMessages.AwkwardValues);
        back.IdempotencyKeys.Should().Equal("key-1", null, "kéy-3", null);
    }

    [Fact]
    public void EveryTruncationOfEveryEvent_Should_ThrowSerializationException()
    {
        // A tick's idempotency keys are optional and last: its bytes cut where its inputs end are that tick without keys.
        EveryTruncationShouldBeRefused(EventSerializer, s_tick.Encode(), RecordedTick.Manifest, validPrefix: (s_tick with { IdempotencyKeys = null }).Encode().Length);
        EveryTruncationShouldBeRefused(EventSerializer, s_timeouts.Encode(), RecordedTimeouts.Manifest);
        EveryTruncationShouldBeRefused(EventSerializer, s_progress.Encode(), RecordedProgress.Manifest);
    }

    [Fact]
    public void ADecodersFormatException_Should_BeWrappedInASerializationException()
    {
        Action read = () => EventSerializer.FromBinary([1, 2, 3], RecordedProgress.Manifest);

        read.Should().Throw<SerializationException>().WithMessage($"*'{RecordedProgress.Manifest}' of 3 bytes cannot be read*")
            .WithInnerException<FormatException>().WithMessage("*must have 8*");
    }

    [Fact]
    public void AnUnknownOrOlderManifest_Should_ThrowSerializationException_NamingTheFormatsThisNodeReads()
    {
        Action read = () => EventSerializer.FromBinary(s_tick.Encode(), "wasgo-tick-v2");

        read.Should().Throw<SerializationException>().WithMessage($"*'wasgo-tick-v2'*'{RecordedTick.Manifest}'*");
    }
}
