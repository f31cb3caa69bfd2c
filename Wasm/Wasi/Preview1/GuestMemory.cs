using System;
using System.Buffers.Binary;

namespace WasGo.Wasm.Wasi.Preview1;

/// <summary>
/// Bounds-checked access to the caller's memory through guest pointers (u32 addresses and lengths).
/// Every check happens before anything is written, so a failing call (EFAULT) leaves memory untouched.
/// </summary>
internal readonly struct GuestMemory(Memory? memory)
{
    /// <summary>The largest span handed out at once.</summary>
    public const int MaxChunk = 1 << 30;

    public static GuestMemory Of(Caller caller) => new(caller.GetMemory("memory"));

    /// <summary>Whether [address, address + length) lies inside the memory (false when there is no memory).</summary>
    public bool Fits(int address, ulong length) =>
        memory is not null && (ulong)(uint)address + length <= (ulong)memory.Length;

    /// <summary>A span of a range that <see cref="Fits"/> and is at most <see cref="MaxChunk"/> long.</summary>
    public Span<byte> Span(ulong address, int length) => memory!.GetSpan((long)address, length);

    public uint ReadUInt32(ulong address) => BinaryPrimitives.ReadUInt32LittleEndian(Span(address, 4));

    public void WriteUInt32(int address, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Span((uint)address, 4), value);

    public void WriteUInt64(int address, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Span((uint)address, 8), value);
}
