using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Benchmarks.Scripting;

/// <summary>What every stepper's world is made of, so that they all run the same world.</summary>
/// <param name="Options">The world's settings.</param>
/// <param name="Runtime">The script runtime.</param>
/// <param name="Modules">The compiled modules by hash.</param>
public sealed record WorldSetup(WorldOptions Options, ScriptRuntime Runtime, Func<string, Module?> Modules)
{
    /// <summary>Makes the world, its phases run by <paramref name="runner"/> (or one after another).</summary>
    public World NewWorld(IEntityBatchRunner? runner = null) => new(Options, Runtime, Modules, NullLogger.Instance, runner);
}
