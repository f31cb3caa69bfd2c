using System;
using System.Collections.Concurrent;
using WasGo.Wasm.Compilation;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm;

/// <summary>
/// Compiles modules and holds what they share: settings, canonical function type ids, host stubs.
/// </summary>
/// <remarks>Thread-safe: modules may be compiled and stores created from several threads at once.</remarks>
public sealed class Engine : IDisposable
{
    private readonly ConcurrentDictionary<FunctionType, int> _typeIds = new();
    private readonly Lazy<DeadlineWatchdog> _watchdog = new(() => new DeadlineWatchdog());
    private int _nextTypeId;
    private bool _disposed;

    /// <summary>Creates an engine with default settings.</summary>
    public Engine()
        : this(new Config())
    {
    }

    /// <summary>Creates an engine with the given settings.</summary>
    /// <param name="config">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is null.</exception>
    public Engine(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        MaxMemoryPages = config.MaxMemoryPages;
        MaxTableElements = config.MaxTableElements;
        Features = config.Features;
        CodeGeneration = new CodeGeneration(config.MaxCallDepth, config.ConsumesFuel, config.CanonicalizesNaNs);
    }

    /// <summary>The features modules compiled by this engine may use.</summary>
    public WasmFeatures Features { get; }

    internal bool ConsumesFuel => CodeGeneration.ConsumesFuel;

    internal CodeGeneration CodeGeneration { get; }

    internal long MaxMemoryPages { get; }

    internal long MaxTableElements { get; }

    internal StubCompiler Stubs { get; } = new();

    /// <summary>Gets the one timer that enforces the deadlines of this engine's stores.</summary>
    internal DeadlineWatchdog Watchdog => _watchdog.Value;

    /// <summary>Releases the engine. Modules and stores created from it must not be used afterwards.</summary>
    public void Dispose()
    {
        _disposed = true;
        if (_watchdog.IsValueCreated)
        {
            _watchdog.Value.Dispose();
        }
    }

    internal int TypeId(FunctionType type) => _typeIds.GetOrAdd(type, _ => System.Threading.Interlocked.Increment(ref _nextTypeId));

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
