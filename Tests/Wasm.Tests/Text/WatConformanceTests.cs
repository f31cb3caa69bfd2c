using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using WasGo.Wasm.Tests.Spec;
using Xunit.Abstractions;

namespace WasGo.Wasm.Tests.Text;

/// <summary>
/// Every text module of the spec scripts (core with wat2wasm's MVP flags, v2 without SIMD with its defaults;
/// assert_invalid modules with --no-check) converts to the same bytes as wat2wasm, each valid one loads, and every
/// assert_malformed (module quote ...) is rejected with a WatException. A file on wat-identical.txt (the ratchet) must
/// do all of that; the others only report their differences.
/// </summary>
public sealed class WatConformanceTests(ITestOutputHelper output)
{
    private static readonly ConcurrentDictionary<string, WatConformance> s_results = new();

    public static IEnumerable<object[]> Files() =>
        new[] { "core", "v2" }.SelectMany(suite =>
            Directory.GetFiles(Path.Combine(SpecPaths.SpecRoot, suite), "*.wast")
                .Select(Path.GetFileNameWithoutExtension)
                .Where(static n => !n!.StartsWith("simd_", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(n => new object[] { suite, n! }));

    [Theory]
    [MemberData(nameof(Files))]
    public void WastFile_Should_ConvertLikeWat2Wasm_WhenOnTheRatchetList(string suite, string name)
    {
        var result = Run(suite, name);
        output.WriteLine(result.ToString());
        var problems = result.Problems.Concat(result.MalformedAccepted).ToList();
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        if (Ratchet().Contains($"{suite}/{name}"))
        {
            Assert.True(problems.Count == 0, $"{suite}/{name} is on wat-identical.txt but:\n{string.Join('\n', problems)}");
        }
    }

    [Fact]
    public void WatConformance_Should_ReportTotals()
    {
        int compared = 0, identical = 0, rejected = 0, loaded = 0, malformed = 0, malformedRejected = 0;
        var accepted = new List<string>();
        var notListed = new List<string>();
        var perSuite = new Dictionary<string, (int Identical, int Compared)>();
        foreach (var row in Files())
        {
            var (suite, name) = ((string)row[0], (string)row[1]);
            var result = Run(suite, name);
            var (suiteIdentical, suiteCompared) = perSuite.GetValueOrDefault(suite);
            perSuite[suite] = (suiteIdentical + result.Identical, suiteCompared + result.Compared);
            compared += result.Compared;
            identical += result.Identical;
            rejected += result.RejectedByWabt;
            loaded += result.Loaded;
            malformed += result.Malformed;
            malformedRejected += result.MalformedRejected;
            accepted.AddRange(result.MalformedAccepted);
            if (result.Problems.Count > 0 || result.MalformedAccepted.Count > 0)
            {
                output.WriteLine($"{suite}/{name}: {result}");
                foreach (var problem in result.Problems.Take(3))
                {
                    output.WriteLine("  " + problem);
                }
            }
            else if (!Ratchet().Contains($"{suite}/{name}"))
            {
                notListed.Add($"{suite}/{name}");
            }
        }

        foreach (var (suite, counts) in perSuite)
        {
            output.WriteLine($"{suite}: {counts.Identical}/{counts.Compared} modules byte-identical to wat2wasm");
        }

        output.WriteLine($"total: {identical}/{compared} modules byte-identical to wat2wasm, {loaded} loaded, {rejected} rejected by wat2wasm");
        output.WriteLine($"assert_malformed text modules rejected: {malformedRejected}/{malformed}");
        foreach (var line in accepted)
        {
            output.WriteLine("  " + line);
        }

        output.WriteLine("clean but not on the ratchet list: " + string.Join(' ', notListed));
        Assert.True(identical > 0);
    }

    private static WatConformance Run(string suite, string name) =>
        s_results.GetOrAdd($"{suite}/{name}", _ => WatConformance.Run(suite, name));

    private static HashSet<string> Ratchet()
    {
        var path = Path.Combine(SpecPaths.RepositoryRoot, "Tests", "Wasm.Tests", "Text", "wat-identical.txt");
        return File.Exists(path)
            ? File.ReadAllLines(path).Select(static l => l.Trim()).Where(static l => l.Length > 0 && !l.StartsWith('#')).ToHashSet()
            : [];
    }
}
