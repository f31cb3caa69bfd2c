using Wasmtime;
using WasGo.Scripting;

namespace WasGo.Benchmarks.Wasm;

/// <summary>
/// A Wasmtime engine under test and what each of its stores gets before a call. The sandbox's
/// engine is the one <see cref="ScriptRuntime"/> builds (fuel, epoch interruption with its clock
/// running, threads off, NaN canonicalisation as the options say, max stack, memory reservation =
/// the memory limit with a 64 KiB guard), taken from a runtime so that the settings live in one
/// place; its stores get the limits, fuel and epoch deadline an entity's store gets. The bare engine
/// is Wasmtime's default <see cref="Config"/> with threads off, its stores untouched.
/// </summary>
/// <remarks>Not thread-safe; dispose it after every store it made.</remarks>
public sealed class WasmtimeSetup : IDisposable
{
    // Far enough ahead never to be reached, and far from the top so that current + ahead cannot overflow (as ScriptInstance).
    private const ulong NoDeadline = 1UL << 62;

    private readonly ScriptRuntime? _runtime;
    private readonly Engine? _bareEngine;
    private readonly bool _fuel;
    private readonly bool _epochs;

    private WasmtimeSetup(string label, ScriptRuntime? runtime, Engine? bareEngine, bool fuel = false, bool epochs = false)
    {
        Label = label;
        _runtime = runtime;
        _bareEngine = bareEngine;
        _fuel = fuel;
        _epochs = epochs;
    }

    /// <summary>Gets a short name for the tables.</summary>
    public string Label { get; }

    /// <summary>Gets the engine.</summary>
    public Engine Engine => _runtime?.Engine ?? _bareEngine!;

    /// <summary>Gets the sandbox's options, or null for the bare engine.</summary>
    public ScriptRuntimeOptions? Options => _runtime?.Options;

    /// <summary>The sandbox's engine, from a <see cref="ScriptRuntime"/> with <paramref name="options"/> (its defaults if null).</summary>
    public static WasmtimeSetup Sandbox(string label, ScriptRuntimeOptions? options = null) => new(label, new ScriptRuntime(options), null);

    /// <summary>Wasmtime's default configuration with threads off (they are on by default in 50.0.1).</summary>
    public static WasmtimeSetup Bare(string label = "bare") => new(label, null, new Engine(new Config().WithWasmThreads(false)));

    /// <summary>
    /// Bare Wasmtime (threads off) with one of the sandbox's settings added, to take its cost apart
    /// (<c>wasm --breakdown</c>); its stores get fuel or a deadline when the setting needs one.
    /// </summary>
    public static WasmtimeSetup BarePlus(string label, Func<Config, Config> setting, bool fuel = false, bool epochs = false) =>
        new(label, null, new Engine(setting(new Config().WithWasmThreads(false))), fuel, epochs);

    /// <summary>
    /// A new store ready for calls. For the sandbox: the memory, table and instance limits of an
    /// entity's store, <paramref name="fuel"/> and an epoch deadline that is never reached (the
    /// checks are compiled in and run; only the limits are out of the way).
    /// </summary>
    public Store NewStore(ulong fuel = 1UL << 62)
    {
        var store = new Store(Engine);
        if (_runtime is { Options: { } options })
        {
            store.SetLimits(memorySize: options.MaxMemoryPages * Memory.PageSize, tableElements: options.MaxTableElements, instances: 1, tables: 1, memories: 1);
            store.Fuel = fuel;
            store.SetEpochDeadline(NoDeadline);
        }

        if (_fuel)
        {
            store.Fuel = fuel;
        }

        if (_epochs)
        {
            store.SetEpochDeadline(NoDeadline);
        }

        return store;
    }

    /// <summary>Stops the sandbox's epoch clock and frees its engine.</summary>
    public void Dispose()
    {
        _runtime?.Dispose();
        _bareEngine?.Dispose();
    }
}
