using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit.Abstractions;

namespace WasGo.Wasm.Tests.Spec;

/// <summary>
/// The official spec tests: MVP (shared/spec/core, converted with MVP flags) and WebAssembly 2.0
/// (shared/spec/v2 without SIMD). One test per file; a file listed in passing.txt (the ratchet) must
/// pass completely, other files only report their counts. SpecSuite_Should_ReportTotals prints the
/// true totals of both suites.
/// </summary>
public sealed class SpecSuiteTests(ITestOutputHelper output)
{
    private static readonly ConcurrentDictionary<string, SpecResult> s_results = new();

    public static IEnumerable<object[]> Files() =>
        Suites().SelectMany(suite => Names(suite).Select(name => new object[] { suite, name }));

    [Theory]
    [MemberData(nameof(Files))]
    public void SpecFile_Should_PassCompletely_WhenOnTheRatchetList(string suite, string name)
    {
        var result = RunCached(suite, name);
        output.WriteLine(result.ToString());
        foreach (var failure in result.Failures)
        {
            output.WriteLine(failure);
        }

        if (Passing().Contains($"{suite}/{name}"))
        {
            Assert.True(result.Failed == 0, $"{suite}/{name} is on the passing list but has {result.Failed} failures:\n{string.Join('\n', result.Failures)}");
        }
    }

    /// <summary>The canonical NaN is an arithmetic NaN, so determinism mode must still pass every float script.</summary>
    [Theory]
    [InlineData("f32")]
    [InlineData("f64")]
    [InlineData("f32_bitwise")]
    [InlineData("f64_bitwise")]
    [InlineData("float_exprs")]
    [InlineData("float_misc")]
    [InlineData("float_memory")]
    [InlineData("conversions")]
    public void FloatSpecFile_Should_PassCompletely_WithNaNCanonicalization(string name)
    {
        var result = SpecRunner.Run("v2", name, canonicalizeNaNs: true);

        Assert.True(result.Passed > 0 && result.Failed == 0, $"v2/{name}: {result}\n{string.Join('\n', result.Failures)}");
    }

    [Fact]
    public void SpecSuite_Should_ReportTotals()
    {
        var failuresOnList = new List<string>();
        int allPassed = 0, allFailed = 0, allSkipped = 0;
        foreach (var suite in Suites())
        {
            int passed = 0, failed = 0, skipped = 0;
            foreach (var name in Names(suite))
            {
                var result = RunCached(suite, name);
                output.WriteLine($"  {result}");
                passed += result.Passed;
                failed += result.Failed;
                skipped += result.Skipped;
                if (result.Failed > 0 && Passing().Contains($"{suite}/{name}"))
                {
                    failuresOnList.Add($"{suite}/{name}");
                }
            }

            output.WriteLine($"{(suite == "core" ? "MVP (core)" : "WebAssembly 2.0 (v2)")}: {passed} passed, {failed} failed, {skipped} skipped");
            allPassed += passed;
            allFailed += failed;
            allSkipped += skipped;
        }

        output.WriteLine($"{allPassed} passed, {allFailed} failed, {allSkipped} skipped");

        Assert.True(failuresOnList.Count == 0, "files on the passing list failed: " + string.Join(", ", failuresOnList));
    }

    private static string[] Suites() => ["core", "v2"];

    private static IEnumerable<string> Names(string suite) =>
        Directory.GetFiles(Path.Combine(SpecPaths.SpecRoot, suite), "*.wast")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)!;

    private static HashSet<string> Passing() =>
        File.Exists(SpecPaths.PassingList)
            ? File.ReadAllLines(SpecPaths.PassingList).Select(static l => l.Trim()).Where(static l => l.Length > 0 && !l.StartsWith('#')).ToHashSet()
            : [];

    private static SpecResult RunCached(string suite, string name) =>
        s_results.GetOrAdd($"{suite}/{name}", _ => SpecRunner.Run(suite, name));
}
