using FluentAssertions;

namespace WasGo.Scripting.Tests.Worlds;

public sealed class RecordedTickTests
{
    private static readonly WorldInput[] s_inputs = [new CallInput("e", "m", [ScriptValue.FromInteger(1)]), new DespawnInput("f")];

    [Fact]
    public void MessageIds_Should_ComeBackWithTheirInputs()
    {
        Guid id = Guid.NewGuid();

        RecordedTick back = RecordedTick.Decode(new RecordedTick(9, s_inputs, [id, Guid.Empty]).Encode());

        back.Tick.Should().Be(9);
        back.Inputs.Should().HaveCount(2);
        back.MessageIds.Should().Equal(id, Guid.Empty);
    }

    [Fact]
    public void ATickWithoutIds_Should_BeRecordedAsBeforeIdsExisted()
    {
        byte[] withoutIds = new RecordedTick(9, s_inputs).Encode();
        byte[] withEmptyIds = new RecordedTick(9, s_inputs, [Guid.Empty, Guid.Empty]).Encode();

        withEmptyIds.Should().Equal(withoutIds);
        RecordedTick.Decode(withoutIds).MessageIds.Should().BeNull();
    }

    [Fact]
    public void IdsThatDoNotMatchTheInputs_Should_BeRefusedAsMalformed()
    {
        byte[] bytes = new RecordedTick(9, s_inputs, [Guid.NewGuid(), Guid.NewGuid()]).Encode();

        Action decode = () => RecordedTick.Decode(bytes.AsSpan(0, bytes.Length - 3));

        decode.Should().Throw<FormatException>().WithMessage("*message ids take 16 bytes each*");
    }
}
