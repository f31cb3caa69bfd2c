using System;
using System.Collections.Generic;
using System.Diagnostics;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm;

/// <summary>
/// Owns instances and the memories, tables and globals they create. Disposing the store frees its
/// linear memories.
/// </summary>
/// <remarks>
/// A store may move between threads but must never be used by two threads at once (one actor, one
/// store); nothing in it is synchronised.
/// </remarks>
[DebuggerDisplay("Store")]
public sealed class Store : IDisposable
{
    private readonly List<MemoryInstance> _memories = [];
    private bool _disposed;

    /// <summary>Creates a store.</summary>
    /// <param name="engine">The engine whose modules will be instantiated in this store.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is null.</exception>
    public Store(Engine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.ThrowIfDisposed();
        Engine = engine;
    }

    /// <summary>The engine of this store.</summary>
    public Engine Engine { get; }

    /// <summary>
    /// Asks guest code running in this store to stop: it traps with <see cref="TrapCode.Interrupted"/>
    /// at its next function entry or loop iteration. The request is consumed by that trap; if no guest
    /// code runs, the next call traps at its first function entry.
    /// </summary>
    /// <remarks>Thread-safe: this is the one member meant to be called from another thread (a watchdog).</remarks>
    public void Interrupt() => System.Threading.Volatile.Write(ref InterruptRequest.Requested, 1);

    internal InterruptRequest InterruptRequest { get; } = new();

    /// <summary>The instance that made the most recent call to an imported or indirect function.</summary>
    internal ModuleInstance? CurrentCaller { get; set; }

    /// <summary>Frees the linear memories of this store. Its instances must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var memory in _memories)
        {
            memory.Dispose();
        }

        _memories.Clear();
    }

    internal MemoryInstance CreateMemory(MemoryType type)
    {
        ThrowIfDisposed();
        var memory = new MemoryInstance(type, Engine.MaxMemoryPages);
        _memories.Add(memory);
        return memory;
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
