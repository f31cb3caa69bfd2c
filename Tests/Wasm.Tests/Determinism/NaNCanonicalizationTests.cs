using System.Diagnostics;
using FluentAssertions;
using WasGo.Wasm.DigestRunner;
using WasGo.Wasm.Tests.Support;

namespace WasGo.Wasm.Tests.Determinism;

/// <summary>
/// Determinism mode (<see cref="Config.WithNaNCanonicalization"/>): every float operation that can make a
/// NaN gives the canonical NaN, so results are bit-identical across runs, processes and processors.
/// </summary>
public sealed class NaNCanonicalizationTests : IDisposable
{
    private const int CanonicalF32 = 0x7FC00000;
    private const long CanonicalF64 = 0x7FF8000000000000;
    private const int F32NaNWithPayload = unchecked((int)0xFFA00001);
    private const long F64NaNWithPayload = unchecked((long)0xFFF4000000000001);
    private const int F32One = 0x3F800000;
    private const int F32Infinity = 0x7F800000;
    private const int F32NegativeInfinity = unchecked((int)0xFF800000);
    private const int F32MinusOne = unchecked((int)0xBF800000);

    private static readonly string[] s_f32Binary = ["add", "sub", "mul", "div", "min", "max"];
    private static readonly string[] s_f32Unary = ["sqrt", "ceil", "floor", "trunc", "nearest"];

    private readonly Engine _engine = new(new Config().WithNaNCanonicalization(true));
    private readonly Store _store;
    private readonly Instance _ops;

    public NaNCanonicalizationTests()
    {
        _store = new Store(_engine);
        _ops = new Linker(_engine).Instantiate(_store, Wat.Compile(_engine, OperationsModule()));
    }

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    public static TheoryData<string, int, int> F32BinaryCases()
    {
        var cases = new TheoryData<string, int, int>();
        foreach (var op in s_f32Binary)
        {
            cases.Add(op, F32NaNWithPayload, F32One);
            cases.Add(op, F32One, F32NaNWithPayload);
        }

        cases.Add("div", 0, 0);
        cases.Add("add", F32Infinity, F32NegativeInfinity);
        cases.Add("mul", 0, F32Infinity);
        return cases;
    }

    [Theory]
    [MemberData(nameof(F32BinaryCases))]
    public void F32BinaryOperation_Should_GiveTheCanonicalNaN(string op, int left, int right)
    {
        _ops.GetFunction<int, int, int>($"f32.{op}")!(left, right).Should().Be(CanonicalF32, $"f32.{op}({left:X8}, {right:X8})");
    }

    [Theory]
    [InlineData("sqrt", F32MinusOne)]
    [InlineData("sqrt", F32NaNWithPayload)]
    [InlineData("ceil", F32NaNWithPayload)]
    [InlineData("floor", F32NaNWithPayload)]
    [InlineData("trunc", F32NaNWithPayload)]
    [InlineData("nearest", F32NaNWithPayload)]
    public void F32UnaryOperation_Should_GiveTheCanonicalNaN(string op, int operand)
    {
        _ops.GetFunction<int, int>($"f32.{op}")!(operand).Should().Be(CanonicalF32);
    }

    [Fact]
    public void F64Operations_Should_GiveTheCanonicalNaN()
    {
        foreach (var op in s_f32Binary)
        {
            _ops.GetFunction<long, long, long>($"f64.{op}")!(F64NaNWithPayload, 0x3FF0000000000000).Should().Be(CanonicalF64, $"f64.{op}");
        }

        _ops.GetFunction<long, long, long>("f64.div")!(0, 0).Should().Be(CanonicalF64);
        foreach (var op in s_f32Unary)
        {
            _ops.GetFunction<long, long>($"f64.{op}")!(F64NaNWithPayload).Should().Be(CanonicalF64, $"f64.{op}");
        }

        _ops.GetFunction<int, long>("f64.promote_f32")!(F32NaNWithPayload).Should().Be(CanonicalF64);
        _ops.GetFunction<long, int>("f32.demote_f64")!(F64NaNWithPayload).Should().Be(CanonicalF32);
    }

    [Fact]
    public void BitMovingOperations_Should_KeepTheirNaNPayloads()
    {
        // abs, neg and copysign are defined on the bits, so they are deterministic without help.
        _ops.GetFunction<int, int>("f32.neg")!(F32NaNWithPayload).Should().Be(0x7FA00001);
        _ops.GetFunction<int, int>("f32.abs")!(F32NaNWithPayload).Should().Be(0x7FA00001);
    }

    [Fact]
    public void NumbersThatAreNotNaN_Should_BeUntouched()
    {
        _ops.GetFunction<int, int, int>("f32.div")!(F32One, unchecked((int)0xC0000000)).Should().Be(unchecked((int)0xBF000000));
        _ops.GetFunction<long, long>("f64.sqrt")!(0x4010000000000000).Should().Be(0x4000000000000000);
    }

    /// <summary>
    /// The compiler canonicalises a NaN only where its bits could be observed, so every route a value
    /// can take out of an operation must give the canonical bits, and NaNs that no operation made
    /// (loaded, constant, negated) must keep theirs on the same routes.
    /// </summary>
    [Theory]
    [InlineData("through_a_local", CanonicalF32)]
    [InlineData("through_a_block_result", CanonicalF32)]
    [InlineData("through_a_branch", CanonicalF32)]
    [InlineData("through_a_call", CanonicalF32)]
    [InlineData("through_a_global", CanonicalF32)]
    [InlineData("through_select", CanonicalF32)]
    [InlineData("through_memory", CanonicalF32)]
    [InlineData("through_more_arithmetic", CanonicalF32)]
    [InlineData("negated", unchecked((int)0xFFC00000))]
    [InlineData("loaded_payload_through_a_local", F32NaNWithPayload)]
    [InlineData("loaded_payload_through_a_block_result", F32NaNWithPayload)]
    [InlineData("negated_payload_through_a_call", 0x7FA00001)]
    public void ANaN_Should_HaveTheSameBitsAsWithEagerCanonicalization_WhateverRouteItTakes(string route, int bits)
    {
        var routes = new Linker(_engine).Instantiate(_store, Wat.Compile(_engine, RoutesModule));

        routes.GetFunction<int>(route)!().Should().Be(bits, route);
    }

    private const string RoutesModule = """
        (module
          (memory 1)
          (global $g (mut f32) (f32.const 0))
          (data (i32.const 16) "\01\00\a0\ff")
          (func $nan (result f32) (f32.div (f32.const 0) (f32.const 0)))
          (func $bits (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
          (func (export "through_a_local") (result i32) (local f32)
            (local.set 0 (f32.div (f32.const 0) (f32.const 0)))
            (i32.reinterpret_f32 (local.get 0)))
          (func (export "through_a_block_result") (result i32)
            (i32.reinterpret_f32 (block (result f32) (f32.div (f32.const 0) (f32.const 0)))))
          (func (export "through_a_branch") (result i32)
            (i32.reinterpret_f32 (block (result f32) (br 0 (f32.sqrt (f32.const -1))))))
          (func (export "through_a_call") (result i32)
            (call $bits (f32.div (f32.const 0) (f32.const 0))))
          (func (export "through_a_global") (result i32)
            (global.set $g (f32.div (f32.const 0) (f32.const 0)))
            (i32.reinterpret_f32 (global.get $g)))
          (func (export "through_select") (result i32)
            (i32.reinterpret_f32 (select (f32.div (f32.const 0) (f32.const 0)) (f32.const 1) (i32.const 1))))
          (func (export "through_memory") (result i32)
            (f32.store (i32.const 0) (f32.div (f32.const 0) (f32.const 0)))
            (i32.load (i32.const 0)))
          (func (export "through_more_arithmetic") (result i32)
            (i32.reinterpret_f32 (f32.add (f32.mul (call $nan) (f32.const 2)) (f32.const 1))))
          (func (export "negated") (result i32)
            (i32.reinterpret_f32 (f32.neg (f32.div (f32.const 0) (f32.const 0)))))
          (func (export "loaded_payload_through_a_local") (result i32) (local f32)
            (local.set 0 (f32.load (i32.const 16)))
            (i32.reinterpret_f32 (local.get 0)))
          (func (export "loaded_payload_through_a_block_result") (result i32)
            (i32.reinterpret_f32 (block (result f32) (f32.load (i32.const 16)))))
          (func (export "negated_payload_through_a_call") (result i32)
            (call $bits (f32.neg (f32.load (i32.const 16))))))
        """;

    [Fact]
    public void AMixOfFloatsAndMemory_Should_GiveTheSameDigest_InThisProcessAndTwoOthers()
    {
        var bytes = Wat.ToWasm(MixingModule);
        var path = Path.Combine(Path.GetTempPath(), $"wasgo-digest-{Guid.NewGuid():N}.wasm");
        File.WriteAllBytes(path, bytes);
        try
        {
            var here = MemoryDigest.Of(bytes);
            var first = RunDigestProcess(path, avx: true);
            var second = RunDigestProcess(path, avx: false);

            first.Should().Be(here);
            second.Should().Be(here, "code generated without AVX must give the same bits");
            MemoryDigest.Of(bytes).Should().Be(here, "a second run in the same process gives the same bits");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string RunDigestProcess(string module, bool avx)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WasGo.Wasm.DigestRunner.dll"));
        start.ArgumentList.Add(module);
        if (!avx)
        {
            start.Environment["DOTNET_EnableAVX"] = "0";
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue();
        process.ExitCode.Should().Be(0, errors.Result);
        return output.Trim();
    }

    private static string OperationsModule()
    {
        var text = new System.Text.StringBuilder("(module\n");
        foreach (var (type, bits) in new[] { ("f32", "i32"), ("f64", "i64") })
        {
            foreach (var op in s_f32Binary)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  (func (export \"{type}.{op}\") (param {bits} {bits}) (result {bits}) ({bits}.reinterpret_{type} ({type}.{op} ({type}.reinterpret_{bits} (local.get 0)) ({type}.reinterpret_{bits} (local.get 1)))))\n");
            }

            foreach (var op in (string[])[.. s_f32Unary, "neg", "abs"])
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  (func (export \"{type}.{op}\") (param {bits}) (result {bits}) ({bits}.reinterpret_{type} ({type}.{op} ({type}.reinterpret_{bits} (local.get 0)))))\n");
            }
        }

        text.Append("  (func (export \"f64.promote_f32\") (param i32) (result i64) (i64.reinterpret_f64 (f64.promote_f32 (f32.reinterpret_i32 (local.get 0)))))\n");
        text.Append("  (func (export \"f32.demote_f64\") (param i64) (result i32) (i32.reinterpret_f32 (f32.demote_f64 (f64.reinterpret_i64 (local.get 0))))))\n");
        return text.ToString();
    }

    /// <summary>
    /// Fills a page with the results of float operations on pseudo-random bit patterns (a quarter of
    /// them NaNs with payloads), stored to memory and read back as further operands.
    /// </summary>
    private const string MixingModule = """
        (module
          (memory (export "memory") 1)
          (func (export "run")
            (local $i i32) (local $seed i64) (local $a f32) (local $b f32) (local $x f64) (local $y f64)
            (local.set $seed (i64.const 0x2545F4914F6CDD1D))
            (loop $next
              (local.set $seed (i64.add (i64.mul (local.get $seed) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
              (local.set $a (f32.reinterpret_i32 (i32.wrap_i64 (i64.shr_u (local.get $seed) (i64.const 32)))))
              (local.set $b (f32.reinterpret_i32
                (select
                  (i32.or (i32.wrap_i64 (local.get $seed)) (i32.const 0x7F800001))
                  (i32.wrap_i64 (local.get $seed))
                  (i32.eqz (i32.and (local.get $i) (i32.const 3))))))
              (local.set $x (f64.promote_f32 (f32.add (local.get $a) (f32.load offset=4 (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 0xFFF0))))))
              (local.set $y (f64.reinterpret_i64 (local.get $seed)))
              (f32.store (i32.mul (local.get $i) (i32.const 16)) (f32.div (local.get $a) (local.get $b)))
              (f32.store offset=4 (i32.mul (local.get $i) (i32.const 16)) (f32.sqrt (f32.sub (local.get $b) (local.get $a))))
              (f32.store offset=8 (i32.mul (local.get $i) (i32.const 16)) (f32.demote_f64 (f64.max (local.get $x) (local.get $y))))
              (f32.store offset=12 (i32.mul (local.get $i) (i32.const 16))
                (f32.add (f32.mul (local.get $a) (f32.const 0)) (f32.nearest (local.get $b))))
              (f64.store offset=32768 (i32.mul (local.get $i) (i32.const 8))
                (f64.div (f64.sub (local.get $y) (local.get $y)) (f64.min (local.get $x) (f64.const 0))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $next (i32.lt_u (local.get $i) (i32.const 2048))))))
        """;
}
