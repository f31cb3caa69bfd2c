using WasGo.Wasm;

namespace WasGo.Scripting;

/// <summary>
/// Checks a compiled module against the WasGo ABI (<c>Sdk/ABI.md</c>) before anything runs it: its
/// imports come only from <c>wasgo</c> and link, it exports the memory the imports read, and the
/// exports the host calls by name have the types the host calls them with.
/// </summary>
internal static class AbiCheck
{
    private static readonly FunctionType s_none = new([], []);

    // The exports the host calls itself, and the only types it calls them with.
    private static readonly Dictionary<string, FunctionType> s_lifecycle = new(StringComparer.Ordinal)
    {
        ["_ready"] = s_none,
        ["_process"] = new([ValueKind.Float64], []),
        ["_physics_process"] = new([ValueKind.Float64], []),
        ["_notification"] = new([ValueKind.Int32], []),
        ["_timer"] = new([ValueKind.Int64], []),
        ["_reply"] = new([ValueKind.Int64], []),
    };

    public static IReadOnlyList<string> Check(Module module, Linker linker)
    {
        var problems = new List<string>();
        foreach (Import import in module.Imports.Where(static i => i.ModuleName != WasgoImports.ModuleName))
        {
            problems.Add($"import {import.ModuleName}.{import.Name}: a script may import only from '{WasgoImports.ModuleName}' (no files, sockets or WASI); see Sdk/ABI.md");
        }

        problems.AddRange(linker.FindLinkProblems(module).Where(static p => p.Contains(WasgoImports.ModuleName + ".", StringComparison.Ordinal)));
        if (module.Imports.Any(static i => i.ModuleName == WasgoImports.ModuleName)
            && !module.Exports.Any(static e => e.Name == "memory" && e.Kind == ExternKind.Memory))
        {
            problems.Add("export memory: missing; the wasgo imports read and write the script's exported memory named 'memory'");
        }

        foreach (Export export in module.Exports)
        {
            if (s_lifecycle.TryGetValue(export.Name, out FunctionType? expected) && (export.Kind != ExternKind.Function || !expected.Equals(export.Type)))
            {
                problems.Add($"export {export.Name}: is {export.Type}; the host calls it as {expected}");
            }
        }

        return problems;
    }
}
