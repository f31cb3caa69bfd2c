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
    private int _instances;
    private int _tables;
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
    public void Interrupt() => System.Threading.Volatile.Write(ref InterruptRequest.Requested, InterruptRequest.ByHost);

    /// <summary>
    /// Sets a wall-clock limit on the guest code this store runs from now on: once it passes, the
    /// code traps with <see cref="TrapCode.Interrupted"/> at its next function entry or loop
    /// iteration. <see langword="null"/> clears the limit, and withdraws an interrupt it caused that
    /// the guest did not see, so a call that finished just in time does not make the next one trap.
    /// </summary>
    /// <param name="limit">How long from now, or <see langword="null"/> for no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    /// <remarks>
    /// One watchdog timer serves every store of the engine (resolution about 5 ms). A deadline is not
    /// deterministic: for limits that give the same result on every machine, count work instead.
    /// </remarks>
    public void SetDeadline(TimeSpan? limit)
    {
        if (limit is { } duration)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
            Engine.Watchdog.Set(InterruptRequest, duration);
        }
        else
        {
            DeadlineWatchdog.Clear(InterruptRequest);
        }
    }

    internal InterruptRequest InterruptRequest { get; } = new();

    internal FuelCell Fuel { get; } = new();

    /// <summary>Gets the fuel left (negative once it ran out during a call).</summary>
    /// <returns>The fuel.</returns>
    /// <exception cref="InvalidOperationException">The engine does not consume fuel.</exception>
    public long GetFuel()
    {
        ThrowUnlessFuel();
        return System.Threading.Volatile.Read(ref Fuel.Remaining);
    }

    /// <summary>Sets the fuel guest code may consume from now on.</summary>
    /// <param name="fuel">The fuel, zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fuel"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The engine does not consume fuel.</exception>
    public void SetFuel(long fuel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fuel);
        ThrowUnlessFuel();
        System.Threading.Volatile.Write(ref Fuel.Remaining, fuel);
    }

    /// <summary>Adds fuel to what is left.</summary>
    /// <param name="fuel">The fuel to add, zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fuel"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The engine does not consume fuel.</exception>
    public void AddFuel(long fuel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fuel);
        ThrowUnlessFuel();
        System.Threading.Volatile.Write(ref Fuel.Remaining, checked(Fuel.Remaining + fuel));
    }

    private void ThrowUnlessFuel()
    {
        if (!Engine.ConsumesFuel)
        {
            throw new InvalidOperationException("This engine does not consume fuel; create it with new Config().WithFuelConsumption(true).");
        }
    }

    /// <summary>The limits on what guest code may allocate in this store (<see cref="SetLimits"/>).</summary>
    public StoreLimits Limits { get; private set; } = StoreLimits.None;

    /// <summary>
    /// Limits the memories, tables and instances guest code may create in this store from now on,
    /// within the engine's own limits.
    /// </summary>
    /// <param name="limits">The limits; <see cref="StoreLimits.None"/> leaves only the engine's.</param>
    /// <exception cref="ArgumentNullException"><paramref name="limits"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is negative.</exception>
    public void SetLimits(StoreLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.MemorySize ?? 0, nameof(limits.MemorySize));
        ArgumentOutOfRangeException.ThrowIfNegative(limits.TableElements ?? 0, nameof(limits.TableElements));
        ArgumentOutOfRangeException.ThrowIfNegative(limits.Instances ?? 0, nameof(limits.Instances));
        ArgumentOutOfRangeException.ThrowIfNegative(limits.Memories ?? 0, nameof(limits.Memories));
        ArgumentOutOfRangeException.ThrowIfNegative(limits.Tables ?? 0, nameof(limits.Tables));
        Limits = limits;
    }

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
        ThrowIfAtLimit(_memories.Count, Limits.Memories, "memories");
        var memory = new MemoryInstance(type, Limits.MaxMemoryPages(Engine.MaxMemoryPages), Limits.TrapOnGrowFailure);
        _memories.Add(memory);
        return memory;
    }

    internal TableInstance CreateTable(TableType type, object? initial)
    {
        ThrowIfDisposed();
        ThrowIfAtLimit(_tables, Limits.Tables, "tables");
        var table = new TableInstance(type, initial, Limits.MaxTableElements(Engine.MaxTableElements), Limits.TrapOnGrowFailure);
        _tables++;
        return table;
    }

    /// <summary>Counts an instance about to be created, refusing it past the limit.</summary>
    internal void AddInstance()
    {
        ThrowIfDisposed();
        ThrowIfAtLimit(_instances, Limits.Instances, "instances");
        _instances++;
    }

    private static void ThrowIfAtLimit(int count, int? limit, string what)
    {
        if (count >= limit)
        {
            throw new TrapException(TrapCode.ResourceLimitExceeded, $"the store already holds {count} {what}, its limit");
        }
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
