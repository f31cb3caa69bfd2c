using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using FluentAssertions;
using WasGo.Wasm.Tests.Spec;
using WasGo.Wasm.Tests.Support;
using Xunit.Abstractions;

namespace WasGo.Wasm.Tests.Fuzzing;

/// <summary>
/// Feeds mutated modules (bit flips, truncations, insertions, deletions, section swaps of valid
/// modules) through decode, validate, instantiate and invoke. Every outcome must be success, a
/// <see cref="WasmException"/> or a trap, in bounded time. Set WASGO_FUZZ_CASES for a longer run.
/// </summary>
public sealed class MalformedInputFuzzTests(ITestOutputHelper output)
{
    private const string Seeds = """
        (module
          (type $t (func (param i32) (result i32)))
          (memory (export "memory") 1 2)
          (table 4 funcref)
          (global $g (mut i32) (i32.const 0))
          (elem (i32.const 0) $fac $loop)
          (data (i32.const 16) "seed data")
          (func $fac (export "fac") (param i32) (result i32)
            (if (result i32) (i32.lt_s (local.get 0) (i32.const 2)) (then (i32.const 1))
              (else (i32.mul (local.get 0) (call $fac (i32.sub (local.get 0) (i32.const 1)))))))
          (func $loop (export "loop") (param i32) (result i32) (local i32)
            (block (loop
              (br_if 1 (i32.ge_u (local.get 1) (i32.const 100)))
              (i32.store8 (local.get 1) (local.get 1))
              (local.set 1 (i32.add (local.get 1) (i32.const 1)))
              (global.set $g (i32.add (global.get $g) (i32.load (local.get 1))))
              (br 0)))
            (call_indirect (type $t) (local.get 0) (i32.rem_u (local.get 0) (i32.const 4))))
          (func (export "floats") (param f64) (result i64)
            (i64.trunc_sat_f64_s (f64.sqrt (f64.mul (local.get 0) (f64.const 2.5)))))
          (func (export "multi") (param i32 i64) (result i64 i32)
            (local.get 1) (local.get 0))
          (func (export "bulk") (param i32)
            (memory.fill (local.get 0) (i32.const 7) (i32.const 32))
            (memory.copy (i32.const 100) (local.get 0) (i32.const 16))))
        """;

    [Fact]
    public void Engine_Should_OnlySucceedOrThrowWasmExceptions_OnMutatedModules()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("WASGO_FUZZ_CASES"), CultureInfo.InvariantCulture, out var n) ? n : 3000;
        var seeds = SeedModules();
        var random = new Random(20261122);
        var outcomes = new Dictionary<string, int>();
        var watch = Stopwatch.StartNew();
        using var engine = new Engine(new Config().WithMaxMemoryPages(64).WithMaxTableElements(10_000).WithMaxCallDepth(2000));
        for (var i = 0; i < cases; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var bytes = Mutate(seed, random);
            string outcome;
            try
            {
                outcome = Exercise(engine, bytes);
            }
            catch (Exception e) when (e is not WasmException)
            {
                throw new InvalidOperationException($"case {i}: {e.GetType().Name} escaped for module {Convert.ToHexString(bytes)}", e);
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine($"{cases} cases in {watch.Elapsed.TotalSeconds:F1} s");
        foreach (var (outcome, count) in outcomes.OrderByDescending(static o => o.Value))
        {
            output.WriteLine($"  {count,6} {outcome}");
        }

        outcomes.Keys.Should().Contain("ran", "some mutants must still run");
    }

    /// <summary>Decodes, instantiates and calls every export; returns what happened.</summary>
    private static string Exercise(Engine engine, byte[] bytes)
    {
        Module module;
        try
        {
            module = Module.FromBytes(engine, "mutant", bytes);
        }
        catch (WasmException e)
        {
            return e.GetType().Name;
        }

        using var store = new Store(engine);
        Instance instance;
        try
        {
            instance = LinkerFor(engine, store, module).Instantiate(store, module);
        }
        catch (WasmException e)
        {
            return "instantiate: " + e.GetType().Name;
        }

        var result = "ran";
        foreach (var export in module.Exports.Where(static e => e.Kind == ExternKind.Function))
        {
            var function = instance.GetFunction(export.Name)!;
            var arguments = function.Type.Parameters.Select(DefaultValue).ToArray();
            using var watchdog = new Timer(_ => store.Interrupt(), null, 200, Timeout.Infinite);
            try
            {
                function.InvokeRaw(arguments);
            }
            catch (TrapException e)
            {
                result = "trap " + e.Code;
            }
        }

        return result;
    }

    /// <summary>A linker that satisfies every import with a host object of the right type.</summary>
    private static Linker LinkerFor(Engine engine, Store store, Module module)
    {
        var linker = new Linker(engine) { AllowShadowing = true };
        foreach (var import in module.Imports)
        {
            switch (import.Type)
            {
                case FunctionType type:
                    linker.DefineFunction(import.ModuleName, import.Name, type, (_, _) => type.Results.Select(DefaultValue).ToArray());
                    break;
                case MemoryType memory:
                    linker.Define(import.ModuleName, import.Name, new Memory(store, Math.Min(memory.Minimum, 64), memory.Maximum is { } max ? Math.Min(Math.Max(max, memory.Minimum), 64) : null));
                    break;
                case TableType table:
                    linker.Define(import.ModuleName, import.Name, new Table(store, table.Element, Math.Min(table.Minimum, 10_000), table.Maximum));
                    break;
                case GlobalType global:
                    linker.Define(import.ModuleName, import.Name, new Global(store, DefaultValue(global.Kind), global.Mutable));
                    break;
                default:
                    break;
            }
        }

        return linker;
    }

    private static ValueBox DefaultValue(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => 3,
        ValueKind.Int64 => 3L,
        ValueKind.Float32 => 3f,
        ValueKind.Float64 => 3.0,
        ValueKind.ExternRef => ValueBox.FromExternRef(null),
        _ => ValueBox.FromFuncRef(null),
    };

    private static List<byte[]> SeedModules()
    {
        var seeds = new List<byte[]> { Wat.ToWasm(Seeds), Wat.ToWasm(Seeds, "--debug-names") };
        foreach (var name in new[] { "br_table", "call_indirect", "memory_copy", "table_init", "float_exprs", "block", "global", "elem", "loop", "i64", "conversions", "ref_func", "bulk", "select", "imports", "linking", "start", "table_copy" })
        {
            // Only the valid modules of each script (its "module" commands), as seeds.
            var json = SpecConverter.Convert("v2", name);
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
            seeds.AddRange(document.RootElement.GetProperty("commands").EnumerateArray()
                .Where(static c => c.GetProperty("type").GetString() == "module")
                .Select(c => Path.Combine(Path.GetDirectoryName(json)!, c.GetProperty("filename").GetString()!))
                .Take(20)
                .Select(File.ReadAllBytes));
        }

        return seeds;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var mutations = random.Next(10) < 7 ? 1 : 2 + random.Next(3);
        for (var m = 0; m < mutations && bytes.Count > 8; m++)
        {
            switch (random.Next(6))
            {
                case 0 or 1:
                    var at = 8 + random.Next(bytes.Count - 8);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    var cut = 8 + random.Next(bytes.Count - 8);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    break;
                case 3:
                    bytes.Insert(8 + random.Next(bytes.Count - 7), (byte)random.Next(256));
                    break;
                case 4:
                    bytes.RemoveAt(8 + random.Next(bytes.Count - 8));
                    break;
                default:
                    SwapSections(bytes, random);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Swaps two top-level sections (when the section headers can be parsed).</summary>
    private static void SwapSections(List<byte> bytes, Random random)
    {
        var sections = new List<(int Start, int End)>();
        var position = 8;
        while (position < bytes.Count)
        {
            var start = position++;
            uint size = 0;
            var shift = 0;
            while (position < bytes.Count && shift < 35)
            {
                var b = bytes[position++];
                size |= (uint)(b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }

            if (position + size > bytes.Count)
            {
                return;
            }

            position += (int)size;
            sections.Add((start, position));
        }

        if (sections.Count < 2)
        {
            return;
        }

        var a = random.Next(sections.Count - 1);
        var first = sections[a];
        var second = sections[a + 1];
        var firstBytes = bytes.GetRange(first.Start, first.End - first.Start);
        var secondBytes = bytes.GetRange(second.Start, second.End - second.Start);
        bytes.RemoveRange(first.Start, second.End - first.Start);
        bytes.InsertRange(first.Start, secondBytes.Concat(firstBytes));
    }
}
