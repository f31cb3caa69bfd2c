using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Persistence;
using Wasmtime;

namespace WasGo.Scripting.Tests.Worlds;

/// <summary>
/// Snapshots of a world, and the refresh of every instance after each multiple of
/// <see cref="World.SnapshotInterval"/> that lets them leave instance memory out.
/// </summary>
public sealed class WorldSnapshotTests : IDisposable
{
    private const long Interval = World.SnapshotInterval;

    private readonly ScriptRuntime _runtime = new();
    private readonly Dictionary<string, Module> _modules = new(StringComparer.Ordinal);

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void ACounterInInstanceMemory_Should_StartAgainInTheTickAfterAMultipleOfTheInterval_WhileTheStateGoesOn()
    {
        string counter = Deploy(WorldScripts.MemoryCounter);
        using World world = NewWorld();
        world.Step([new SpawnInput("m", counter)]);
        StepTo(world, Interval);

        world.StateOf("m")!["in_memory"].AsInteger().Should().Be(Interval, "memory lasts from call to call until the refresh");
        world.Step([]);

        IReadOnlyDictionary<string, ScriptValue> state = world.StateOf("m")!;
        state["in_memory"].AsInteger().Should().Be(1, "the tick after the interval began on a fresh instance");
        state["ticks"].AsInteger().Should().Be(Interval + 1);
        state["readies"].AsInteger().Should().Be(2, "_ready ran at the spawn and on the fresh instance");
    }

    private static void StepTo(World world, long tick)
    {
        while (world.Tick < tick)
        {
            world.Step([]);
        }
    }

    /// <summary>Compiles a WAT fixture once, by its content hash.</summary>
    /// <returns>The hash.</returns>
    private string Deploy(string wat)
    {
        byte[] bytes = Module.ConvertText(wat);
        string hash = ModuleHash.Of(bytes);
        if (!_modules.ContainsKey(hash))
        {
            _modules[hash] = _runtime.Compile(hash, bytes);
        }

        return hash;
    }

    private World NewWorld(WorldOptions? options = null) =>
        new(options ?? new WorldOptions { WorldId = "snapshots" }, _runtime, _modules.GetValueOrDefault, NullLogger.Instance);
}
