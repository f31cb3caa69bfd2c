using FluentAssertions;

namespace WasGo.Scripting.Tests.Values;

public sealed class StateRowTests
{
    [Fact]
    public void ARow_Should_SurviveEncoding_AndKnowItsEncodedSize()
    {
        var row = new StateRow();
        row.TrySet("count", ScriptValue.FromInteger(-42)).Should().BeTrue();
        row.TrySet("x", ScriptValue.FromFloat(0.1)).Should().BeTrue();
        row.TrySet("name", ScriptValue.FromString("wörld")).Should().BeTrue();
        row.TrySet("blob", ScriptValue.FromBytes([0, 255, 7])).Should().BeTrue();
        row.TrySet("gone", ScriptValue.FromInteger(1)).Should().BeTrue();
        row.TrySet("gone", ScriptValue.Nil).Should().BeTrue();

        byte[] encoded = row.Encode();
        StateRow decoded = StateRow.Decode(encoded);

        row.EncodedSize.Should().Be(encoded.Length);
        decoded.Columns.Should().Equal(row.Columns);
        decoded.Digest().Should().Equal(row.Digest());
        decoded.Count.Should().Be(4);
    }

    [Fact]
    public void ColumnsSetInAnyOrder_Should_BeKeptInOrdinalOrder_ThroughOverwritesAndRemovals()
    {
        var row = new StateRow();
        string[] names = ["m", "b", "Z", "$rng", "a", "é", "mm", "b2"];
        foreach (string name in names)
        {
            row.TrySet(name, ScriptValue.FromInteger(name.Length)).Should().BeTrue();
        }

        row.TrySet("b", ScriptValue.FromString("a longer value")).Should().BeTrue();
        row.TrySet("mm", ScriptValue.Nil).Should().BeTrue();
        row.TrySet("absent", ScriptValue.Nil).Should().BeTrue();

        row.Columns.Select(c => c.Key).Should().Equal(names.Where(n => n != "mm").Order(StringComparer.Ordinal));
        row["b"].Should().Be(ScriptValue.FromString("a longer value"));
        row["mm"].Should().Be(ScriptValue.Nil);
        row.EncodedSize.Should().Be(row.Encode().Length);
        row.Digest().Should().Equal(System.Security.Cryptography.SHA256.HashData(row.Encode()));

        byte[] before = row.Digest();
        row.TrySet("a", ScriptValue.FromInteger(99)).Should().BeTrue();
        row.Digest().Should().NotEqual(before, "a row's kept digest is made again after a change")
            .And.Equal(System.Security.Cryptography.SHA256.HashData(row.Encode()));
    }

    [Fact]
    public void ARow_Should_KeepFormatOne_SoThatStoredRowsAndDigestsStayValid()
    {
        var row = new StateRow();
        row.TrySet("n", ScriptValue.FromInteger(7)).Should().BeTrue();
        row.TrySet("s", ScriptValue.FromString("hi")).Should().BeTrue();

        // Format 1 as first stored: version, int32 count; per column a uint16 name length, the name, the tag and the value.
        byte[] formatOne =
        [
            1, 2, 0, 0, 0,
            1, 0, (byte)'n', 1, 7, 0, 0, 0, 0, 0, 0, 0,
            1, 0, (byte)'s', 3, 2, 0, 0, 0, (byte)'h', (byte)'i',
        ];

        row.Encode().Should().Equal(formatOne);
        StateRow.Decode(formatOne)["s"].Should().Be(ScriptValue.FromString("hi"));
    }

    [Fact]
    public void ARow_Should_RefuseWhatIsOverTheAbisLimits_AndStayAsItWas()
    {
        var row = new StateRow();
        row.TrySet(new string('n', AbiLimits.MaxColumnNameBytes + 1), ScriptValue.FromInteger(1)).Should().BeFalse();
        row.TrySet("big", ScriptValue.FromBytes(new byte[AbiLimits.MaxValueBytes + 1])).Should().BeFalse();
        for (int i = 0; i < AbiLimits.MaxColumns; i++)
        {
            row.TrySet("c" + i, ScriptValue.FromInteger(i)).Should().BeTrue();
        }

        row.TrySet("one-more", ScriptValue.FromInteger(1)).Should().BeFalse();
        row.Count.Should().Be(AbiLimits.MaxColumns);
        row.EncodedSize.Should().Be(row.Encode().Length);
    }

    [Fact]
    public void Decoding_Should_RefuseTruncatedOrForeignBytes()
    {
        var row = new StateRow();
        row.TrySet("count", ScriptValue.FromInteger(7));
        byte[] encoded = row.Encode();

        FluentActions.Invoking(() => StateRow.Decode(encoded.AsSpan(0, encoded.Length - 3))).Should().Throw<FormatException>();
        encoded[0] = 9;
        FluentActions.Invoking(() => StateRow.Decode(encoded)).Should().Throw<FormatException>().WithMessage("*format 9*");
    }
}
