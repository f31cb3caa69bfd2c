using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using FluentAssertions;
using WasGo.Wasm.Wasi;
using WasGo.Wasm.Wasi.Randomness;

namespace WasGo.Wasm.Tests.Wasi;

public sealed class WasiConfigurationTests
{
    [Fact]
    public void Defaults_Should_BeEmptySilentAndNondeterministic()
    {
        var configuration = new WasiConfiguration();

        configuration.Arguments.Should().BeEmpty();
        configuration.EnvironmentVariables.Should().BeEmpty();
        configuration.StandardOutput.Should().BeSameAs(DiscardOutput.Instance);
        configuration.StandardError.Should().BeSameAs(DiscardOutput.Instance);
        configuration.StandardInput.Length.Should().Be(0);
        configuration.Clock.Should().BeSameAs(TimeProvider.System);
        configuration.DeterministicClockStart.Should().BeNull();
        configuration.RandomSeed.Should().BeNull();
    }

    [Fact]
    public void InvalidStrings_Should_BeRejected()
    {
        var configuration = new WasiConfiguration();

        configuration.Invoking(c => c.WithArgs("a\0b")).Should().Throw<ArgumentException>();
        configuration.Invoking(c => c.WithEnvironment("A=B", "c")).Should().Throw<ArgumentException>();
        configuration.Invoking(c => c.WithEnvironment(string.Empty, "c")).Should().Throw<ArgumentException>();
        configuration.Invoking(c => c.WithEnvironment("A", "\0")).Should().Throw<ArgumentException>();
        configuration.Invoking(c => c.WithEnvironment("A", null!)).Should().Throw<ArgumentNullException>();
        configuration.Invoking(c => c.WithDeterministicClock(DateTimeOffset.UnixEpoch.AddTicks(-1), TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
        configuration.Invoking(c => c.WithDeterministicClock(DateTimeOffset.UnixEpoch, TimeSpan.FromTicks(-1))).Should().Throw<ArgumentOutOfRangeException>();
        configuration.Invoking(c => c.WithDeterministicClock(new DateTimeOffset(2555, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
        configuration.Invoking(c => c.WithDeterministicClock(new DateTimeOffset(2554, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.Zero)).Should().NotThrow();
        configuration.Arguments.Should().BeEmpty("a rejected call changes nothing");
        configuration.WithClock(TimeProvider.System);
    }

    [Fact]
    public void WithClock_Should_TurnTheDeterministicClockOff()
    {
        var configuration = new WasiConfiguration().WithDeterminism(3);

        configuration.DeterministicClockStart.Should().Be(WasiConfiguration.DefaultDeterministicStart);
        configuration.WithClock(TimeProvider.System).DeterministicClockStart.Should().BeNull();
        configuration.RandomSeed.Should().Be(3);
    }

    [Fact]
    public void DefineWasi_Should_SnapshotTheConfiguration()
    {
        var configuration = new WasiConfiguration().WithArgs("first");
        using var guest = new WasiGuestWith(configuration, out var run);
        configuration.WithArgs("changed", "later");

        run().Should().Be(1, "the linker kept the arguments it was given");
    }

    [Fact]
    public void DefineWasi_Should_RefuseToDefineTwice_UnlessShadowingIsOn()
    {
        using var engine = new Engine();
        var linker = new Linker(engine);
        linker.DefineWasi();

        linker.Invoking(l => l.DefineWasi()).Should().Throw<InvalidOperationException>();
        linker.AllowShadowing = true;
        linker.Invoking(l => l.DefineWasi()).Should().NotThrow();
    }

    [Fact]
    public void EachStore_Should_StartTheDeterministicStateAfresh_EvenOnOneLinkerAcrossThreads()
    {
        using var engine = new Engine();
        var linker = new Linker(engine);
        linker.DefineWasi(new WasiConfiguration().WithDeterminism(99));
        var module = Module.FromBytes(engine, "rng", WasGo.Wasm.Text.Wat.Parse("""
            (module
              (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "run") (result i64)
                (drop (call $random_get (i32.const 0) (i32.const 8)))
                (drop (call $random_get (i32.const 0) (i32.const 8)))
                (drop (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 8)))
                (drop (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 8)))
                (i64.xor (i64.load (i32.const 0)) (i64.load (i32.const 8)))))
            """));

        long RunInNewStore()
        {
            using var store = new Store(engine);
            return linker.Instantiate(store, module).GetFunction<long>("run")!();
        }

        var expected = RunInNewStore();
        var results = new long[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => results[i] = RunInNewStore());

        results.Should().OnlyContain(r => r == expected);
        var generator = new Xoshiro256StarStar(99);
        generator.Next();
        expected.Should().Be(unchecked((long)generator.Next()) ^ 1_000_000, "the second random word xor the second monotonic reading (1 ms)");
    }

    [Theory]
    [InlineData(0UL, 0x99EC5F36CB75F2B4UL, 0xBF6E1F784956452AUL, 0x1A5F849D4933E6E0UL)]
    [InlineData(42UL, 0x15780B2E0C2EC716UL, 0x6104D9866D113A7EUL, 0xAE17533239E499A1UL)]
    public void Xoshiro256StarStar_Should_MatchTheReferenceImplementation(ulong seed, ulong first, ulong second, ulong third)
    {
        // Expected values from the authors' xoshiro256starstar.c seeded with splitmix64.c, compiled with clang.
        var generator = new Xoshiro256StarStar(seed);

        new[] { generator.Next(), generator.Next(), generator.Next() }.Should().Equal(first, second, third);
        var state = 0UL;
        Xoshiro256StarStar.SplitMix64(ref state).Should().Be(0xE220A8397B1DCDAFUL);
    }

    [Fact]
    public void Xoshiro256StarStar_Fill_Should_UseLittleEndianWords_AndDropTheTail()
    {
        var generator = new Xoshiro256StarStar(0);
        var bytes = new byte[11];

        generator.Fill(bytes);

        BitConverter.ToUInt64(bytes, 0).Should().Be(0x99EC5F36CB75F2B4UL);
        bytes[8..].Should().Equal(new byte[] { 0x2A, 0x45, 0x56 }, "the low bytes of the second word");
        generator.Next().Should().Be(0x1A5F849D4933E6E0UL, "the rest of the second word was dropped");
    }

    private sealed class WasiGuestWith : IDisposable
    {
        private readonly Engine _engine = new();
        private readonly Store _store;

        public WasiGuestWith(WasiConfiguration configuration, out Func<int> argumentCount)
        {
            _store = new Store(_engine);
            var linker = new Linker(_engine);
            linker.DefineWasi(configuration);
            var instance = linker.Instantiate(_store, Module.FromBytes(_engine, "args", WasGo.Wasm.Text.Wat.Parse("""
                (module
                  (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (func (export "count") (result i32) (drop (call $sizes (i32.const 0) (i32.const 4))) (i32.load (i32.const 0))))
                """)));
            argumentCount = instance.GetFunction<int>("count")!;
        }

        public void Dispose()
        {
            _store.Dispose();
            _engine.Dispose();
        }
    }
}
