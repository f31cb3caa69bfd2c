using System;
using System.Runtime.InteropServices;

namespace WasGo.Wasm.Runtime;

/// <summary>
/// Reserves address space for a linear memory and commits it as the memory grows, so a memory never
/// moves and pages that are never touched cost no RAM (the OS maps zero pages on first touch).
/// Linux and macOS use mmap/mprotect/munmap, Windows VirtualAlloc/VirtualFree; elsewhere the
/// whole reservation is allocated zeroed.
/// </summary>
internal static unsafe partial class VirtualMemory
{
    private const int ProtNone = 0;
    private const int ProtReadWrite = 3;
    private const int MapPrivate = 0x02;
    private const uint MemCommit = 0x1000;
    private const uint MemReserve = 0x2000;
    private const uint MemRelease = 0x8000;
    private const uint PageNoAccess = 0x01;
    private const uint PageReadWrite = 0x04;

    private static int AnonymousNoReserve => OperatingSystem.IsMacOS() ? 0x1000 | 0x40 : 0x20 | 0x4000;

    private static bool UsesMmap => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Reserves <paramref name="bytes"/> of address space, inaccessible; null if it cannot.</summary>
    public static byte* Reserve(ulong bytes)
    {
        if (bytes == 0)
        {
            return null;
        }

        if (UsesMmap)
        {
            // Readable and writable at once, with no swap reserved: the OS gives a page RAM only when
            // it is first touched, and compiled code checks every access against the memory's length,
            // so nothing past it is ever touched. Unlike PROT_NONE plus mprotect on growth, this keeps
            // one mapping per memory, which the kernel merges with its neighbours: tens of thousands of
            // memories stay far below the kernel's limit on mappings per process (vm.max_map_count).
            var address = Mmap(IntPtr.Zero, (nuint)bytes, ProtReadWrite, MapPrivate | AnonymousNoReserve, -1, 0);
            if (address != -1)
            {
                return (byte*)address;
            }

            address = Mmap(IntPtr.Zero, (nuint)bytes, ProtNone, MapPrivate | AnonymousNoReserve, -1, 0);
            return address == -1 ? null : (byte*)address;
        }

        if (OperatingSystem.IsWindows())
        {
            return (byte*)VirtualAlloc(IntPtr.Zero, (nuint)bytes, MemReserve, PageNoAccess);
        }

        try
        {
            return (byte*)NativeMemory.AllocZeroed((nuint)bytes);
        }
        catch (OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Makes the first <paramref name="bytes"/> of a reservation readable and writable (zero-filled).</summary>
    public static bool Commit(byte* reservation, ulong bytes)
    {
        if (bytes == 0 || !(UsesMmap || OperatingSystem.IsWindows()))
        {
            return true;
        }

        // mprotect of a range that is already readable and writable changes nothing and splits nothing.
        return UsesMmap
            ? Mprotect((IntPtr)reservation, (nuint)bytes, ProtReadWrite) == 0
            : VirtualAlloc((IntPtr)reservation, (nuint)bytes, MemCommit, PageReadWrite) != IntPtr.Zero;
    }

    public static void Release(byte* reservation, ulong bytes)
    {
        if (reservation == null)
        {
            return;
        }

        if (UsesMmap)
        {
            _ = Munmap((IntPtr)reservation, (nuint)bytes);
        }
        else if (OperatingSystem.IsWindows())
        {
            _ = VirtualFree((IntPtr)reservation, 0, MemRelease);
        }
        else
        {
            NativeMemory.Free(reservation);
        }
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial IntPtr Mmap(IntPtr address, nuint length, int protection, int flags, int descriptor, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int Mprotect(IntPtr address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(IntPtr address, nuint length);

    [LibraryImport("kernel32", EntryPoint = "VirtualAlloc")]
    private static partial IntPtr VirtualAlloc(IntPtr address, nuint size, uint allocationType, uint protection);

    [LibraryImport("kernel32", EntryPoint = "VirtualFree")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool VirtualFree(IntPtr address, nuint size, uint freeType);
}
