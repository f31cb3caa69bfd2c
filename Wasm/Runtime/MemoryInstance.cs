using System;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// A linear memory in native memory: address space for its maximum size is reserved up front and
/// committed as it grows, so it never moves and untouched pages cost no RAM. Compiled code reads
/// <see cref="Base"/> and <see cref="Length"/> at each access and checks the access against the
/// length (one check per access).
/// </summary>
internal sealed unsafe class MemoryInstance : IDisposable
{
    public const int PageSize = 65536;

    public byte* Base;

    /// <summary>Size in bytes.</summary>
    public ulong Length;

    private readonly ulong _reserved;
    private readonly bool _trapOnGrowFailure;

    public MemoryInstance(MemoryType type, long maxPages, bool trapOnGrowFailure)
    {
        _trapOnGrowFailure = trapOnGrowFailure;
        Type = type;
        MaxPages = Math.Min(type.Maximum ?? maxPages, maxPages);
        if (type.Minimum > MaxPages)
        {
            throw new WasmException($"memory of {type.Minimum} pages exceeds the limit of {MaxPages} pages");
        }

        _reserved = (ulong)MaxPages * PageSize;
        Base = VirtualMemory.Reserve(_reserved);
        if (Base == null && _reserved != 0)
        {
            // Address space is finite (and so is the number of mappings): memories of stores nobody
            // disposed are released by their finalizers, so collect once and try again.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Base = VirtualMemory.Reserve(_reserved);
        }

        if ((Base == null && _reserved != 0) || !VirtualMemory.Commit(Base, (ulong)type.Minimum * PageSize))
        {
            VirtualMemory.Release(Base, _reserved);
            Base = null;
            throw new WasmException($"could not reserve {MaxPages} pages of memory");
        }

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
        if (requested > MaxPages || Base == null && requested > 0 && _reserved == 0)
        {
            return Refuse($"growing memory to {requested} pages exceeds its limit of {MaxPages} pages");
        }

        if (delta == 0)
        {
            return old;
        }

        if (!VirtualMemory.Commit(Base, (ulong)requested * PageSize))
        {
            return Refuse($"the operating system refused to commit {requested} pages");
        }

        Length = (ulong)requested * PageSize;
        Type = Type with { Minimum = requested };
        return old;
    }

    private int Refuse(string why) =>
        _trapOnGrowFailure ? throw new TrapException(TrapCode.ResourceLimitExceeded, why) : -1;

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
            VirtualMemory.Release(Base, _reserved);
            Base = null;
            Length = 0;
        }
    }
}
