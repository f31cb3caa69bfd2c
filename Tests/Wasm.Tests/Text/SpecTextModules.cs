using System;
using System.IO;
using System.Linq;
using WasGo.Wasm.Tests.Spec;
using WasGo.Wasm.Text.Script;

namespace WasGo.Wasm.Tests.Text;

/// <summary>The text-format modules of the v2 spec scripts (SIMD left out): the seeds of the text fuzzers.</summary>
internal static class SpecTextModules
{
    public static string[] ShorterThan(int length) =>
        Directory.GetFiles(Path.Combine(SpecPaths.SpecRoot, "v2"), "*.wast")
            .Where(static f => !Path.GetFileName(f).StartsWith("simd_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(static f => WastScript.Read(File.ReadAllText(f)))
            .Where(static c => c.Module is { Kind: WastModuleKind.Text })
            .Select(static c => c.Module!.Source)
            .Where(s => s.Length < length)
            .ToArray();
}
