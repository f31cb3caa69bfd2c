using FluentAssertions;

namespace WasGo.Scripting.Tests.Worlds;

public sealed class RecordedOutcomeTests
{
    [Fact]
    public void TimedOutCalls_Should_ComeBackInOrder()
    {
        RecordedTimeouts back = RecordedTimeouts.Decode(new RecordedTimeouts(41, [3, 0, 17]).Encode());

        back.Tick.Should().Be(41);
        back.Calls.Should().Equal(3, 0, 17);
    }

    [Fact]
    public void ATruncatedRecordOfTimedOutCalls_Should_BeRefusedAsMalformed()
    {
        byte[] bytes = new RecordedTimeouts(41, [3, 0, 17]).Encode();

        Action decode = () => RecordedTimeouts.Decode(bytes.AsSpan(0, bytes.Length - 1));

        decode.Should().Throw<FormatException>().WithMessage("*12 plus 4 per call*");
    }

    [Fact]
    public void Progress_Should_ComeBack_AndAWrongLengthBeRefused()
    {
        RecordedProgress.Decode(new RecordedProgress(1_000_000_007).Encode()).Tick.Should().Be(1_000_000_007);

        Action decode = () => RecordedProgress.Decode(new byte[7]);

        decode.Should().Throw<FormatException>();
    }
}
