using System;
using System.Diagnostics;
using System.Text;
using FluentAssertions;
using WasGo.Wasm.Text;

namespace WasGo.Wasm.Tests.Text;

/// <summary>Malformed and hostile text fails with a <see cref="WatException"/> that says where and why, in bounded time.</summary>
public sealed class WatErrorTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("(module\n  (func)\n", 1, 1, "unclosed '('")]
    [InlineData("(module)\n)", 2, 1, "unexpected ')'")]
    [InlineData("(module\n  (func\n    i32.frob))", 3, 5, "unknown instruction 'i32.frob'")]
    [InlineData("(module (func (i32.add (i32.frob) (i32.const 1))))", 1, 25, "unknown instruction 'i32.frob'")]
    [InlineData("(module (func (result i32)\n  i32.const 0x1_0000_0000))", 2, 13, "i32 constant out of range: '0x1_0000_0000'")]
    [InlineData("(module (func (result i32) i32.const 1__0))", 1, 38, "expected an i32 literal, found '1__0'")]
    [InlineData("(module (func (result i64) i64.const -9223372036854775809))", 1, 38, "i64 constant out of range")]
    [InlineData("(module (func (result f32) f32.const 1e39))", 1, 38, "f32 constant out of range: '1e39' rounds to infinity")]
    [InlineData("(module (func (result f32) f32.const 0x1p128))", 1, 38, "f32 constant out of range")]
    [InlineData("(module (func (result f64) f64.const 1e1_000))", 1, 38, "f64 constant out of range")]
    [InlineData("(module (func (result f64) f64.const 1e_1))", 1, 38, "expected an f64 literal, found '1e_1'")]
    [InlineData("(module (func (result f64) f64.const 0x1.p))", 1, 38, "expected an f64 literal, found '0x1.p'")]
    [InlineData("(module (func (result f64) f64.const nan:0x0))", 1, 38, "f64 NaN payload out of range")]
    [InlineData("(module (func (result f32) f32.const nan:0x800000))", 1, 38, "f32 NaN payload out of range")]
    [InlineData("(module (func (result f32) f32.const nan:0x8_0000_0000_0000_0000_0000))", 1, 38, "f32 NaN payload out of range")]
    [InlineData("(module) (module)", 1, 10, "unexpected text after the module")]
    [InlineData("(module (func (result i32) i32.const 1.5))", 1, 38, "expected an i32 literal")]
    [InlineData("(module (func\n  call $nowhere))", 2, 8, "undefined func $nowhere")]
    [InlineData("(module (func (local.get $x)))", 1, 26, "undefined local $x")]
    [InlineData("(module (func (block $a (br $b))))", 1, 29, "undefined label $b")]
    [InlineData("(module (func (type $t)))", 1, 21, "undefined type $t")]
    [InlineData("(module (func $f) (func $f))", 1, 25, "duplicate func name $f")]
    [InlineData("(module (func block end $x))", 1, 25, "mismatching label $x")]
    [InlineData("(module (func block))", 1, 20, "without a matching 'end'")]
    [InlineData("(module (func end))", 1, 15, "'end' without an open block")]
    [InlineData("(module (func (if (i32.const 1))))", 1, 32, "needs a '(then ...)'")]
    [InlineData("(module (func (i32.add i32.const 1)))", 1, 24, "expected a folded operand")]
    [InlineData("(module (data \"\\q\"))", 1, 16, "unknown escape '\\q'")]
    [InlineData("(module (data \"abc))", 1, 15, "unterminated string")]
    [InlineData("(module (; never closed", 1, 9, "unterminated block comment")]
    [InlineData("(module (func) (import \"m\" \"f\" (func)))", 1, 16, "imports must come before")]
    [InlineData("(module (export \"\\ff\" (func 0)) (func))", 1, 17, "malformed UTF-8")]
    [InlineData("(module (memory 1) (func (i32.load align=3 (i32.const 0))))", 1, 36, "power of two")]
    [InlineData("(module (frob))", 1, 10, "unknown module field 'frob'")]
    [InlineData("(module (func (block (param $x i32))))", 1, 29, "cannot be named")]
    [InlineData("(module (table 0 funcref) (func (call_indirect (type 9) (param i32))))", 1, 48, "type 9 is not defined")]
    [InlineData("(module (func (i32.const 1) (v128.const i32x4 0 0 0 0)))", 1, 30, "unknown instruction 'v128.const'")]
    [InlineData("(module (func \u0001))", 1, 15, "unexpected character '\\u0001'")]
    public void Parse_Should_ReportLineAndColumn_WhenTextIsMalformed(string text, int line, int column, string message)
    {
        var error = Assert.Throws<WatException>(() => Wat.Parse(text));

        error.Line.Should().Be(line, error.Message);
        error.Column.Should().Be(column, error.Message);
        error.Message.Should().StartWith($"{line}:{column}: ").And.Contain(message);
        error.Should().BeAssignableTo<WasmException>();
    }

    [Fact]
    public void Parse_Should_ReportThePositionOfInvalidUtf8_WhenGivenBytes()
    {
        byte[] text = [.. "(module\n  (data \"ok\")\n  ;; caf"u8, 0xC3, 0x28, .. ")"u8];

        var error = Assert.Throws<WatException>(() => Wat.Parse(text));

        error.Message.Should().Be("3:9: malformed UTF-8 encoding");
    }

    [Fact]
    public void Parse_Should_ReadUtf8Bytes_WithOrWithoutAByteOrderMark()
    {
        byte[] text = [0xEF, 0xBB, 0xBF, .. "(module (data \"é\"))"u8];

        Wat.Parse(text).Should().Equal(Wat.Parse("(module (data \"é\"))"));
    }

    [Fact]
    public void Parse_Should_RejectAMillionNestedFoldedBlocks_WithAPositionInBoundedTime()
    {
        const string Head = "(module (func ";
        var text = Head + Repeat("(block ", 1_000_000) + Repeat(")", 1_000_000) + "))";

        var error = Timed(() => Assert.Throws<WatException>(() => Wat.Parse(text)));

        error.Message.Should().Contain("nested deeper than");
        error.Line.Should().Be(1);
        error.Column.Should().Be(Head.Length + 1 + ("(block ".Length * WasGo.Wasm.Text.Parsing.ModuleParser.MaxNesting));
    }

    [Fact]
    public void Parse_Should_RejectAMillionNestedFlatBlocks_WithAPositionInBoundedTime()
    {
        var text = "(module (func\n" + Repeat("block\n", 1_000_000) + Repeat("end\n", 1_000_000) + "))";

        var error = Timed(() => Assert.Throws<WatException>(() => Wat.Parse(text)));

        error.Message.Should().Contain("nested deeper than");
        error.Line.Should().Be(2 + WasGo.Wasm.Text.Parsing.ModuleParser.MaxNesting);
        error.Column.Should().Be(1);
    }

    [Fact]
    public void Parse_Should_RejectAMillionUnclosedParentheses_WithAPositionInBoundedTime()
    {
        var error = Timed(() => Assert.Throws<WatException>(() => Wat.Parse(Repeat("(", 1_000_000))));

        error.Message.Should().Contain("unclosed '('");
        error.Line.Should().Be(1);
    }

    [Fact]
    public void Parse_Should_RejectAMillionBalancedParentheses_WithAPositionInBoundedTime()
    {
        var error = Timed(() => Assert.Throws<WatException>(() => Wat.Parse(Repeat("(", 1_000_000) + Repeat(")", 1_000_000))));

        error.Line.Should().Be(1);
        error.Column.Should().Be(1);
    }

    [Fact]
    public void Parse_Should_RejectAMillionNestedBlockComments_InBoundedTime()
    {
        var error = Timed(() => Assert.Throws<WatException>(() => Wat.Parse("(module " + Repeat("(;", 1_000_000))));

        error.Message.Should().Contain("unterminated block comment");
        error.Column.Should().Be(9);
    }

    [Fact]
    public void Parse_Should_AcceptDeepButLegalNesting()
    {
        var depth = 10_000;
        var text = "(module (func " + Repeat("(block ", depth) + Repeat(")", depth) + "))";

        var bytes = Wat.Parse(text);

        Module.FromBytes(new Engine(), "deep", bytes).Should().NotBeNull();
    }

    private static T Timed<T>(Func<T> action)
    {
        var watch = Stopwatch.StartNew();
        var result = action();
        watch.Elapsed.Should().BeLessThan(s_bound);
        return result;
    }

    private static string Repeat(string value, int count) => new StringBuilder(value.Length * count).Insert(0, value, count).ToString();
}
