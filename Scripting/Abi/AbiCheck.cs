using System.Text;
using WasGo.Persistence;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// Checks a compiled module against the WasGo ABI (<c>Sdk/ABI.md</c>) before anything runs it: its
/// imports come only from <c>wasgo</c> and link, it exports the memory the imports read, and the
/// exports the host calls by name have the types the host calls them with.
/// </summary>
internal static class AbiCheck
{
    // The exports the host calls itself, and the only types it calls them with: (parameters, results).
    private static readonly Dictionary<string, (ValueKind[] Parameters, ValueKind[] Results)> s_lifecycle = new(StringComparer.Ordinal)
    {
        ["_ready"] = ([], []),
        ["_process"] = ([ValueKind.Float64], []),
        ["_physics_process"] = ([ValueKind.Float64], []),
        ["_notification"] = ([ValueKind.Int32], []),
        ["_timer"] = ([ValueKind.Int64], []),
        ["_reply"] = ([ValueKind.Int64], []),
    };

    public static IReadOnlyList<string> Check(Module module, Linker linker, Engine engine)
    {
        var problems = new List<string>();
        var wasgo = new List<FunctionImport>();
        foreach (Import import in module.Imports)
        {
            if (import.ModuleName == WasgoImports.ModuleName && import is FunctionImport function)
            {
                wasgo.Add(function);
            }
            else
            {
                problems.Add($"import {import.ModuleName}.{import.Name}: a script may import only from '{WasgoImports.ModuleName}', and only functions (no files, sockets, WASI, memories or tables); see Sdk/ABI.md");
            }
        }

        // One probe for all; only if it fails, one per import, to name each that does not link.
        if (LinkProblem(wasgo, linker, engine) is not null)
        {
            foreach (FunctionImport import in wasgo)
            {
                if (LinkProblem([import], linker, engine) is { } unlinked)
                {
                    problems.Add($"import {WasgoImports.ModuleName}.{import.Name}: {unlinked}; see Sdk/ABI.md for the wasgo imports and their types");
                }
            }
        }

        if (wasgo.Count > 0 && !module.Exports.Any(static e => e.Name == "memory" && e is MemoryExport))
        {
            problems.Add("export memory: missing; the wasgo imports read and write the script's exported memory named 'memory'");
        }

        foreach (Export export in module.Exports)
        {
            if (s_lifecycle.TryGetValue(export.Name, out var expected)
                && (export is not FunctionExport function || !function.Parameters.SequenceEqual(expected.Parameters) || !function.Results.SequenceEqual(expected.Results)))
            {
                problems.Add($"export {export.Name}: is {Describe(export)}; the host calls it as {Signature(expected.Parameters, expected.Results)}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Links some of the module's <c>wasgo</c> imports, and nothing else of it, against the host's: a
    /// module of just those imports is instantiated in a store of its own, so Wasmtime itself says
    /// whether an import is unknown or of the wrong type, and none of the script runs.
    /// </summary>
    /// <returns>Wasmtime's reason, or null if they link.</returns>
    private static string? LinkProblem(List<FunctionImport> imports, Linker linker, Engine engine)
    {
        if (imports.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder("(module");
        foreach (FunctionImport import in imports)
        {
            text.Append(" (import \"").Append(WasgoImports.ModuleName).Append("\" \"").Append(Escape(import.Name)).Append("\" (func")
                .Append(Kinds(" (param", import.Parameters)).Append(Kinds(" (result", import.Results)).Append("))");
        }

        try
        {
            using Module probe = Module.FromText(engine, "abi-probe", text.Append(')').ToString());
            using var store = new Store(engine);
            linker.Instantiate(store, probe);
            return null;
        }
        catch (WasmtimeException unlinked)
        {
            return unlinked.Message.Split('\n', 2)[0];
        }
    }

    private static string Escape(string name) => string.Concat(name.Select(static c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c.ToString() : $"\\u{{{(int)c:x}}}"));

    private static string Kinds(string open, IReadOnlyList<ValueKind> kinds) =>
        kinds.Count == 0 ? string.Empty : open + string.Concat(kinds.Select(static k => " " + WasmValueTypes.Name(k))) + ")";

    private static string Describe(Export export) => export switch
    {
        FunctionExport function => Signature(function.Parameters, function.Results),
        MemoryExport => "a memory",
        TableExport => "a table",
        GlobalExport => "a global",
        _ => "not a function",
    };

    private static string Signature(IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results) =>
        $"({string.Join(", ", parameters.Select(WasmValueTypes.Name))}) -> ({string.Join(", ", results.Select(WasmValueTypes.Name))})";
}
