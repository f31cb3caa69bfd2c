using System.Collections.Generic;

namespace WasGo.Wasm.Tests.Spec;

/// <summary>What one spec file produced: counts and the first failures.</summary>
internal sealed class SpecResult(string suite, string name)
{
    public string Suite { get; } = suite;

    public string Name { get; } = name;

    public int Passed { get; set; }

    public int Failed { get; set; }

    public int Skipped { get; set; }

    public List<string> Failures { get; } = [];

    public void Fail(int line, string message)
    {
        Failed++;
        if (Failures.Count < 20)
        {
            Failures.Add($"{Suite}/{Name}.wast:{line}: {message}");
        }
    }

    public override string ToString() => $"{Suite}/{Name}: {Passed} passed, {Failed} failed, {Skipped} skipped";
}
