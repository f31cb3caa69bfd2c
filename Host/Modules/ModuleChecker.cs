using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Host.Modules;

/// <summary>
/// Validates and compiles module bytes with the host's Wasmtime engine and checks them against the WasGo ABI: what
/// <c>wasgo validate</c> prints and what a deploy refuses. The runtime keeps what it compiled by
/// content hash, so the first entity to run a deployed module does not compile it again.
/// </summary>
internal sealed class ModuleChecker(ScriptRuntime runtime)
{
    public async Task<ModuleReport> CheckAsync(byte[] bytes)
    {
        string hash = ModuleHash.Of(bytes);
        Module module;
        try
        {
            module = await runtime.CompileAsync(hash, bytes).ConfigureAwait(false);
        }
        catch (ModuleCompileException refused)
        {
            return new ModuleReport(hash, [refused.Message], [], []);
        }

        string[] functions = [.. module.Exports.OfType<FunctionExport>().Select(static e => e.Name)];
        return new ModuleReport(
            hash,
            runtime.CheckAbi(module),
            [.. functions.Where(static n => !n.StartsWith('_')).Order(StringComparer.Ordinal)],
            [.. functions.Where(static n => n.StartsWith('_')).Order(StringComparer.Ordinal)]);
    }
}
