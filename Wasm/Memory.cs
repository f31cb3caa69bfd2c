using System;
using System.Buffers.Binary;
using System.Diagnostics;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm;

/// <summary>A linear memory: exported by an instance, or created by the host to be imported.</summary>
/// <remarks>
/// Spans returned by <see cref="GetSpan"/> are valid only until the memory grows (growing may move it).
/// Use from one thread at a time, with the store.
/// </remarks>
[DebuggerDisplay("Memory {Size} pages")]
public sealed class Memory
{
    /// <summary>Creates a memory in a store.</summary>
    /// <param name="store">The owning store.</param>
    /// <param name="minimum">The initial size in 64 KiB pages.</param>
    /// <param name="maximum">The maximum size in pages, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limits are out of range.</exception>
    public Memory(Store store, long minimum = 1, long? maximum = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimum, Config.DefaultMaxMemoryPages);
        if (maximum is { } max && (max < minimum || max > Config.DefaultMaxMemoryPages))
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), $"maximum is {max}; it must be between {minimum} and 65536 pages");
        }

        Store = store;
        Instance = store.CreateMemory(new MemoryType(minimum, maximum));
    }

    internal Memory(Store store, MemoryInstance instance)
    {
        Store = store;
        Instance = instance;
    }

    /// <summary>The current size in pages.</summary>
    public long Size => Instance.Pages;

    /// <summary>The current size in bytes.</summary>
    public long Length => (long)Instance.Length;

    /// <summary>The declared limits (the minimum is the current size).</summary>
    public MemoryType Type => Instance.Type;

    internal Store Store { get; }

    internal MemoryInstance Instance { get; }

    /// <summary>A span over part of the memory.</summary>
    /// <param name="address">The first byte.</param>
    /// <param name="length">The number of bytes.</param>
    /// <returns>The bytes, valid until the memory grows.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the memory.</exception>
    public Span<byte> GetSpan(long address, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(address);
        return Instance.Span((ulong)address, length);
    }

    /// <summary>Reads a little-endian 32-bit integer.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The address is outside the memory.</exception>
    public int ReadInt32(long address) => BinaryPrimitives.ReadInt32LittleEndian(GetSpan(address, 4));

    /// <summary>Writes a little-endian 32-bit integer.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentOutOfRangeException">The address is outside the memory.</exception>
    public void WriteInt32(long address, int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpan(address, 4), value);

    /// <summary>Reads a little-endian 64-bit integer.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The address is outside the memory.</exception>
    public long ReadInt64(long address) => BinaryPrimitives.ReadInt64LittleEndian(GetSpan(address, 8));

    /// <summary>Writes a little-endian 64-bit integer.</summary>
    /// <param name="address">The address.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentOutOfRangeException">The address is outside the memory.</exception>
    public void WriteInt64(long address, long value) => BinaryPrimitives.WriteInt64LittleEndian(GetSpan(address, 8), value);

    /// <summary>Grows the memory.</summary>
    /// <param name="deltaPages">Pages to add.</param>
    /// <returns>The previous size in pages, or -1 if the memory cannot grow that much.</returns>
    public long Grow(long deltaPages) =>
        deltaPages is < 0 or > uint.MaxValue ? -1 : Instance.Grow((int)(uint)deltaPages);
}
