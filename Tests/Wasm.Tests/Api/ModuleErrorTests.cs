using FluentAssertions;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Api;

public sealed class ModuleErrorTests
{
    [Fact]
    public void FromBytes_Should_ThrowMalformed_WithTheOffset_OnBadMagic()
    {
        using var engine = new Engine();

        var load = () => Module.FromBytes(engine, "bad", new byte[] { 0, 0x61, 0x73, 0x6E, 1, 0, 0, 0 });

        load.Should().Throw<MalformedModuleException>().Which.Offset.Should().Be(0);
    }

    [Fact]
    public void FromBytes_Should_ThrowMalformed_OnTruncatedSection()
    {
        using var engine = new Engine();
        var bytes = Wat.ToWasm("(module (func (export \"f\") (result i32) (i32.const 1)))");

        var load = () => Module.FromBytes(engine, "cut", bytes.AsSpan(0, bytes.Length - 3));

        load.Should().Throw<MalformedModuleException>().Which.Offset.Should().BeGreaterThan(8);
    }

    [Fact]
    public void FromBytes_Should_ThrowInvalid_WithTheInstructionOffset_OnTypeMismatch()
    {
        using var engine = new Engine();
        var bytes = Wat.ToWasm("(module (func (result i32) (i64.const 1)))", "--no-check");

        var load = () => Module.FromBytes(engine, "mismatch", bytes);

        var error = load.Should().Throw<InvalidModuleException>().Which;
        error.Message.Should().Contain("type mismatch");
        error.Offset.Should().BeGreaterThan(8);
    }

    [Fact]
    public void FromBytes_Should_RejectPostMvpInstructions_WhenTheFeatureIsOff()
    {
        using var engine = new Engine(new Config().WithFeatures(WasmFeatures.None));
        var bytes = Wat.ToWasm("(module (func (param i32) (result i32) (i32.extend8_s (local.get 0))))");

        var load = () => Module.FromBytes(engine, "signext", bytes);

        load.Should().Throw<MalformedModuleException>();
    }

    [Fact]
    public void FromBytes_Should_NotRecurse_OnDeeplyNestedBlocks()
    {
        using var engine = new Engine();
        const int depth = 100_000;
        var body = new System.Collections.Generic.List<byte> { 0x00 };
        for (var i = 0; i < depth; i++)
        {
            body.AddRange(new byte[] { 0x02, 0x40 });
        }

        for (var i = 0; i < depth; i++)
        {
            body.Add(0x0B);
        }

        body.Add(0x0B);
        var module = new System.Collections.Generic.List<byte> { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10 };
        var code = new System.Collections.Generic.List<byte> { 1 };
        code.AddRange(Leb(body.Count));
        code.AddRange(body);
        module.AddRange(Leb(code.Count));
        module.AddRange(code);

        var load = () => Module.FromBytes(engine, "deep", module.ToArray());

        load.Should().NotThrow();
    }

    private static byte[] Leb(int value)
    {
        var bytes = new System.Collections.Generic.List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return bytes.ToArray();
    }
}
