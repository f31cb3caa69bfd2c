using FluentAssertions;

namespace WasGo.Scripting.Tests.Worlds;

public sealed class RecordedOutcomeTests
{
    [Fact]
    public void TimedOutCalls_Should_ComeBackInOrder()
    {
        TimedOutCall[] calls = [new("a", 3), new("a", 0), new("ünïcode", 17), new(string.Empty, 2)];

        RecordedTimeouts back = RecordedTimeouts.Decode(new RecordedTimeouts(41, calls).Encode());

        back.Tick.Should().Be(41);
        back.Calls.Should().Equal(calls);
    }

    [Theory]
    [InlineData(-1)] // truncated
    [InlineData(1)] // trailing bytes
    public void ARecordOfTimedOutCallsOfTheWrongLength_Should_BeRefusedAsMalformed(int change)
    {
        byte[] bytes = new RecordedTimeouts(41, [new("a", 3), new("bb", 0)]).Encode();
        byte[] changed = new byte[bytes.Length + change];
        bytes.AsSpan(0, Math.Min(bytes.Length, changed.Length)).CopyTo(changed);

        Action decode = () => RecordedTimeouts.Decode(changed);

        decode.Should().Throw<FormatException>().WithMessage("*entity ids and call numbers*");
    }

    [Fact]
    public void Progress_Should_ComeBack_AndAWrongLengthBeRefused()
    {
        RecordedProgress.Decode(new RecordedProgress(1_000_000_007).Encode()).Tick.Should().Be(1_000_000_007);

        Action decode = () => RecordedProgress.Decode(new byte[7]);

        decode.Should().Throw<FormatException>();
    }
}
