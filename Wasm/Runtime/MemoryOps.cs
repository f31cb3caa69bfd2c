using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// Loads, stores and bulk memory instructions, named after the wasm instruction. Each access is one
/// explicit bounds check of the effective address against the memory's length.
/// </summary>
internal static unsafe class MemoryOps
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    /// <summary>
    /// The one bounds check of an access: base and length come from locals of the compiled function
    /// (memory never moves; the length is reloaded after calls and memory.grow).
    /// </summary>
    [MethodImpl(Inline)]
    private static byte* Address(byte* b, ulong length, int address, ulong offset, ulong size)
    {
        var effective = (ulong)(uint)address + offset;
        if (effective + size > length)
        {
            Traps.MemoryOutOfBounds();
        }

        return b + effective;
    }

    /// <summary>The shared check of a group of loads from one base address (see <c>BoundsCheckPlan</c>).</summary>
    [MethodImpl(Inline)]
    public static void CheckRange(ulong length, int address, long end)
    {
        if ((ulong)(uint)address + (ulong)end > length)
        {
            Traps.MemoryOutOfBounds();
        }
    }

    /// <summary>A load whose bounds a group check already covered.</summary>
    [MethodImpl(Inline)]
    public static T LoadCovered<T>(byte* b, int address, ulong offset)
        where T : unmanaged => Unsafe.ReadUnaligned<T>(b + (ulong)(uint)address + offset);

    [MethodImpl(Inline)] public static int I32Load(byte* b, ulong l, int a, ulong o) => Unsafe.ReadUnaligned<int>(Address(b, l, a, o, 4));

    [MethodImpl(Inline)] public static long I64Load(byte* b, ulong l, int a, ulong o) => Unsafe.ReadUnaligned<long>(Address(b, l, a, o, 8));

    [MethodImpl(Inline)] public static float F32Load(byte* b, ulong l, int a, ulong o) => Unsafe.ReadUnaligned<float>(Address(b, l, a, o, 4));

    [MethodImpl(Inline)] public static double F64Load(byte* b, ulong l, int a, ulong o) => Unsafe.ReadUnaligned<double>(Address(b, l, a, o, 8));

    [MethodImpl(Inline)] public static int I32Load8S(byte* b, ulong l, int a, ulong o) => *(sbyte*)Address(b, l, a, o, 1);

    [MethodImpl(Inline)] public static int I32Load8U(byte* b, ulong l, int a, ulong o) => *Address(b, l, a, o, 1);

    [MethodImpl(Inline)] public static int I32Load16S(byte* b, ulong l, int a, ulong o) => Unsafe.ReadUnaligned<short>(Address(b, l, a, o, 2));

    [MethodImpl(Inline)] public static int I32Load16U(byte* b, ulong l, int a, ulong o) => Unsafe.ReadUnaligned<ushort>(Address(b, l, a, o, 2));

    [MethodImpl(Inline)] public static long I64Load8S(byte* b, ulong l, int a, ulong o) => *(sbyte*)Address(b, l, a, o, 1);

    [MethodImpl(Inline)] public static long I64Load8U(byte* b, ulong l, int a, ulong o) => *Address(b, l, a, o, 1);

    [MethodImpl(Inline)] public static long I64Load16S(byte* b, ulong l, int a, ulong o) => Unsafe.ReadUnaligned<short>(Address(b, l, a, o, 2));

    [MethodImpl(Inline)] public static long I64Load16U(byte* b, ulong l, int a, ulong o) => Unsafe.ReadUnaligned<ushort>(Address(b, l, a, o, 2));

    [MethodImpl(Inline)] public static long I64Load32S(byte* b, ulong l, int a, ulong o) => Unsafe.ReadUnaligned<int>(Address(b, l, a, o, 4));

    [MethodImpl(Inline)] public static long I64Load32U(byte* b, ulong l, int a, ulong o) => Unsafe.ReadUnaligned<uint>(Address(b, l, a, o, 4));

    [MethodImpl(Inline)] public static void I32Store(byte* b, ulong l, int a, int v, ulong o) => Unsafe.WriteUnaligned(Address(b, l, a, o, 4), v);

    [MethodImpl(Inline)] public static void I64Store(byte* b, ulong l, int a, long v, ulong o) => Unsafe.WriteUnaligned(Address(b, l, a, o, 8), v);

    [MethodImpl(Inline)] public static void F32Store(byte* b, ulong l, int a, float v, ulong o) => Unsafe.WriteUnaligned(Address(b, l, a, o, 4), v);

    [MethodImpl(Inline)] public static void F64Store(byte* b, ulong l, int a, double v, ulong o) => Unsafe.WriteUnaligned(Address(b, l, a, o, 8), v);

    [MethodImpl(Inline)] public static void I32Store8(byte* b, ulong l, int a, int v, ulong o) => *Address(b, l, a, o, 1) = (byte)v;

    [MethodImpl(Inline)] public static void I32Store16(byte* b, ulong l, int a, int v, ulong o) => Unsafe.WriteUnaligned(Address(b, l, a, o, 2), (short)v);

    [MethodImpl(Inline)] public static void I64Store8(byte* b, ulong l, int a, long v, ulong o) => *Address(b, l, a, o, 1) = (byte)v;

    [MethodImpl(Inline)] public static void I64Store16(byte* b, ulong l, int a, long v, ulong o) => Unsafe.WriteUnaligned(Address(b, l, a, o, 2), (short)v);

    [MethodImpl(Inline)] public static void I64Store32(byte* b, ulong l, int a, long v, ulong o) => Unsafe.WriteUnaligned(Address(b, l, a, o, 4), (int)v);

    public static int MemorySize(MemoryInstance m) => m.Pages;

    public static int MemoryGrow(MemoryInstance m, int delta) => m.Grow(delta);

    public static void MemoryFill(MemoryInstance m, int destination, int value, int count)
    {
        if ((ulong)(uint)destination + (uint)count > m.Length)
        {
            Traps.MemoryOutOfBounds();
        }

        NativeMemory.Fill(m.Base + (uint)destination, (uint)count, (byte)value);
    }

    public static void MemoryCopy(MemoryInstance m, int destination, int source, int count)
    {
        if ((ulong)(uint)destination + (uint)count > m.Length || (ulong)(uint)source + (uint)count > m.Length)
        {
            Traps.MemoryOutOfBounds();
        }

        Buffer.MemoryCopy(m.Base + (uint)source, m.Base + (uint)destination, (long)(m.Length - (uint)destination), (long)(uint)count);
    }

    public static void MemoryInit(ModuleInstance instance, int segment, int destination, int source, int count)
    {
        var m = instance.Memory!;
        var data = instance.DataSegments[segment];
        if ((ulong)(uint)destination + (uint)count > m.Length || (ulong)(uint)source + (uint)count > (ulong)data.Length)
        {
            Traps.MemoryOutOfBounds();
        }

        // The segment is a .NET array, so count fits in an int once it passed the check above.
        data.AsSpan((int)(uint)source, (int)(uint)count).CopyTo(new Span<byte>(m.Base + (uint)destination, (int)(uint)count));
    }

    public static void DataDrop(ModuleInstance instance, int segment) => instance.DataSegments[segment] = [];
}
