using FluentAssertions;

namespace WasGo.Scripting.Tests.Worlds;

public sealed class RecordedTickTests
{
    private static readonly WorldInput[] s_inputs = [new CallInput("e", "m", [ScriptValue.FromInteger(1)]), new DespawnInput("f")];

    [Fact]
    public void IdempotencyKeys_Should_ComeBackWithTheirInputs()
    {
        RecordedTick back = RecordedTick.Decode(new RecordedTick(9, s_inputs, ["order-17", null]).Encode());

        back.Tick.Should().Be(9);
        back.Inputs.Should().HaveCount(2);
        back.IdempotencyKeys.Should().Equal("order-17", null);
    }

    [Fact]
    public void ATickWithoutKeys_Should_RecordNoneOfThem()
    {
        byte[] withoutKeys = new RecordedTick(9, s_inputs).Encode();
        byte[] withNullKeys = new RecordedTick(9, s_inputs, [null, null]).Encode();

        withNullKeys.Should().Equal(withoutKeys);
        RecordedTick.Decode(withoutKeys).IdempotencyKeys.Should().BeNull();
    }

    [Fact]
    public void KeysThatDoNotMatchTheInputs_Should_BeRefusedAsMalformed()
    {
        byte[] bytes = new RecordedTick(9, s_inputs, ["a", "b"]).Encode();

        Action decode = () => RecordedTick.Decode([.. bytes, 7]);

        decode.Should().Throw<FormatException>().WithMessage("*after its 2 inputs and their idempotency keys*");
    }
}
