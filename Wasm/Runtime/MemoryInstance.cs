using System;
using System.Runtime.InteropServices;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// A linear memory in native memory. Compiled code reads <see cref="Base"/> and <see cref="Length"/>
/// at each access and checks the access against the length (one check per access).
/// Growing moves the memory, so nothing may keep a pointer across a call.
/// </summary>
internal sealed unsafe class MemoryInstance : IDisposable
{
    public const int PageSize = 65536;

    public byte* Base;

    /// <summary>Size in bytes.</summary>
    public ulong Length;

    public MemoryInstance(MemoryType type, long maxPages)
    {
        Type = type;
        MaxPages = Math.Min(type.Maximum ?? maxPages, maxPages);
        if (type.Minimum > MaxPages)
        {
            throw new WasmException($"memory of {type.Minimum} pages exceeds the limit of {MaxPages} pages");
        }

        Base = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(1, type.Minimum * PageSize));
        Length = (ulong)type.Minimum * PageSize;
    }

    ~MemoryInstance()
    {
        Free();
    }

    public MemoryType Type { get; private set; }

    public long MaxPages { get; }

    public int Pages => (int)(Length / PageSize);

    /// <summary>Grows by <paramref name="delta"/> pages; returns the old size in pages, or -1.</summary>
    public int Grow(int delta)
    {
        var old = Pages;
        var requested = (long)old + (uint)delta;
        if (requested > MaxPages)
        {
            return -1;
        }

        if (delta == 0)
        {
            return old;
        }

        byte* fresh;
        try
        {
            fresh = (byte*)NativeMemory.AllocZeroed((nuint)(requested * PageSize));
        }
        catch (OutOfMemoryException)
        {
            return -1;
        }

        Buffer.MemoryCopy(Base, fresh, requested * PageSize, (long)Length);
        NativeMemory.Free(Base);
        Base = fresh;
        Length = (ulong)requested * PageSize;
        Type = Type with { Minimum = requested };
        return old;
    }

    public Span<byte> Span(ulong address, int length)
    {
        if (length < 0 || address + (ulong)length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"range {address}+{length} is outside memory of {Length} bytes");
        }

        return new Span<byte>(Base + address, length);
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (Base != null)
        {
            NativeMemory.Free(Base);
            Base = null;
            Length = 0;
        }
    }
}
