using FluentAssertions;
using WasGo.Wasm.Text;

namespace WasGo.Wasm.Tests.Text;

/// <summary>Hand-written modules for forms the spec scripts use little or not at all, each compared with wat2wasm and loaded.</summary>
public sealed class WatFeatureTests
{
    [Theory]
    [InlineData("""(module (func (export "a") (export "b") (import "m" "n") (param i32) (result i64)) (func $g (export "c") (param $x i32) (result i32) local.get $x))""")]
    [InlineData("""(module (type $t (func (param i32) (result i32))) (import "m" "f" (func $f (type $t))) (func (type $t) (local i64 i64) (local $y f32) (local i32) local.get 0 call $f))""")]
    [InlineData("""(module (table $t1 1 funcref) (table $t2 2 10 externref) (func $f) (elem (table $t1) (offset (i32.const 0)) func $f) (elem declare funcref (ref.func $f)) (elem $e funcref (ref.null func) (item ref.func $f)) (elem (table $t2) (i32.const 1) externref (ref.null extern)) (func (table.init $t1 $e (i32.const 0) (i32.const 0) (i32.const 1)) (elem.drop $e) (table.copy $t1 $t1 (i32.const 0) (i32.const 0) (i32.const 0)) (drop (table.grow $t2 (ref.null extern) (i32.const 1))) (drop (table.size $t2)) (table.fill $t2 (i32.const 0) (ref.null extern) (i32.const 1))))""")]
    [InlineData("""(module (memory $m 1 2) (data $d "abc" "\00\ff\u{1F600}") (data (memory $m) (offset (i32.const 8)) "x") (data (i32.const 16)) (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $d) (memory.copy (i32.const 0) (i32.const 1) (i32.const 1)) (memory.fill (i32.const 0) (i32.const 0) (i32.const 1))))""")]
    [InlineData("""(module (memory (export "mem") (data "hello" "world")) (table (export "tab") funcref (elem $a $b)) (func $a) (func $b))""")]
    [InlineData("""(module (global $g (mut i32) (i32.const -1)) (global (export "h") i64 i64.const 0x7fff_ffff_ffff_ffff) (global f32 (f32.const -0x1.fffffep127)) (global f64 (f64.const nan:0xf_ffff_ffff_ffff)) (global funcref (ref.null func)) (global externref ref.null extern))""")]
    [InlineData("""(module (func (param i32) (result i32 i64) (local.get 0) (block $b (param i32) (result i32 i64) (i64.const 1)) (loop (param i32 i64) (result i32 i64)) (if (param i32 i64) (result i32 i64) (local.get 0) (then) (else (drop) (drop) (i32.const 0) (i64.const 0)))))""")]
    [InlineData("""(module (func (result i32) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0))) (func (result i32) i32.const 1 i32.const 2 i32.const 3 select) (func (result f64) f64.const 1 f64.const 2 i32.const 0 select (result f64)))""")]
    [InlineData("""(module (func $f (param i32) (result i32) (block $a (block $b (br_table $a $b 0 1 (local.get 0)))) (br_if 0 (i32.const 1) (i32.const 0)) (return (i32.const 7))))""")]
    [InlineData("""(module (func (result f32) f32.const 0x1.fffffefffffffffffp127) (func (result f64) f64.const 0x1.fffffffffffff7ffffffp1023) (func (result f32) f32.const 1.00000005960464477539062500000000000001) (func (result f64) f64.const -0_1.0_1e-0_1) (func (result f32) f32.const 0x0.000002p-126) (func (result f64) f64.const 0x1p-1075) (func (result f32) f32.const -inf) (func (result f64) f64.const -nan))""")]
    [InlineData("""(module (func (result i32) i32.const 0x8000_0000) (func (result i32) i32.const -0x8000_0000) (func (result i64) i64.const 18446744073709551615) (func (result i64) i64.const -9223372036854775808) (func (result i32) i32.const +42))""")]
    [InlineData("""(module (type (func)) (type $v (func (param i32))) (func (type 1) (local.get 0) (drop)) (func (param i64) (result i64) (local.get 0)) (func (drop (call_indirect (param i64) (result i64) (i64.const 0) (i32.const 0)))) (table 1 funcref) (func $s) (start $s))""")]
    [InlineData("""(module (func (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))) drop) (func i32.const 1 if $l (result i32) i32.const 2 else $l i32.const 3 end $l drop) (func i32.const 0 if nop else end))""")]
    [InlineData("""(module (memory 1) (func (i32.load offset=0x10 align=1 (i32.const 0)) (i64.load8_s offset=4294967295 (i32.const 0)) (i64.store32 align=4 (i32.const 0) (i64.const 0)) drop drop (drop (memory.grow (i32.const 1))) (drop (memory.size))))""")]
    [InlineData("""(module (import "spectest" "table" (table 10 20 funcref)) (import "spectest" "memory" (memory 1 2)) (import "spectest" "global_i32" (global $gi i32)) (import "m" "g" (global (mut f64))) (global i32 (global.get $gi)) (func (global.set 1 (f64.const 1))))""")]
    [InlineData("""(module (func (param $a i32) (param $b i32) (result i32) (i32.add (local.get $a) (local.get $b))) (func (param i32 f32) (param $c f64) (local $d i32) (local.set $d (i32.trunc_sat_f64_s (local.get $c))) (local.tee 3 (i32.extend8_s (local.get 0))) drop))""")]
    [InlineData("""(module (table 2 funcref) (func $f) (elem (i32.const 0) $f $f) (elem (i32.const 1) func $f) (elem (table 0) (i32.const 0) funcref (ref.func $f)) (elem func $f) (elem funcref (item (ref.func $f))))""")]
    [InlineData("""(module (func $main (local i32 i32 i64 i32 i32) ref.func $main drop ref.null func ref.is_null drop) (elem declare func $main))""")]
    [InlineData("""(module (import "m" "f" (func $f (param $x i32) (result i32))) (func $g (import "m" "g") (param $y i64)) (type (func (param $z f32))))""")]
    public void Parse_Should_MatchWat2Wasm_AndLoad(string text)
    {
        var expected = Wat2Wasm.Convert(text, string.Empty, out var errors);
        expected.Should().NotBeNull(errors);

        var actual = Wat.Parse(text);

        actual.Should().Equal(expected);
        Module.FromBytes(new Engine(), "feature", actual).Should().NotBeNull();
    }

    [Fact]
    public void Parse_Should_RunWhatItParses()
    {
        var bytes = Wat.Parse("""
            (module
              (func $fac (export "fac") (param $n i64) (result i64)
                (if (result i64) (i64.eqz (local.get $n))
                  (then (i64.const 1))
                  (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1))))))))
            """);
        var engine = new Engine();
        var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Module.FromBytes(engine, "fac", bytes));

        instance.GetFunction<long, long>("fac")!(20).Should().Be(2432902008176640000);
    }

    [Fact]
    public void Parse_Should_AcceptBareFieldsAndBinaryAndQuoteModules()
    {
        var fields = Wat.Parse("(func (export \"f\") (result i32) i32.const 7)");
        var wrapped = Wat.Parse("(module $m (func (export \"f\") (result i32) i32.const 7))");
        var quoted = Wat.Parse("(module quote \"(func (export \\\"f\\\")\" \" (result i32) i32.const 7)\")");
        var binary = Wat.Parse("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")");

        fields.Should().Equal(wrapped);
        quoted.Should().Equal(wrapped);
        binary.Should().Equal(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
    }
}
