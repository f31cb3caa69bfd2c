using System;

namespace WasGo.Wasm.Wasi.Preview1;

/// <summary>
/// fd_*: the three standard streams are the only descriptors. Standard input reads the configured bytes,
/// then end of file; standard output and error write to their sinks. Descriptors are character devices
/// that cannot seek; operations they hold no right for give ENOTCAPABLE, a closed or unknown one EBADF.
/// </summary>
internal sealed partial class WasiFunctions
{
    private const int StandardInputFd = 0;

    private static bool IovecsFit(GuestMemory memory, int iovecs, int count)
    {
        if (!memory.Fits(iovecs, (ulong)(uint)count * 8))
        {
            return false;
        }

        for (var i = 0u; i < (uint)count; i++)
        {
            var (address, length) = Iovec(memory, iovecs, i);
            if (!memory.Fits((int)address, length))
            {
                return false;
            }
        }

        return true;
    }

    private static (uint Address, uint Length) Iovec(GuestMemory memory, int iovecs, uint index)
    {
        var at = (ulong)(uint)iovecs + ((ulong)index * 8);
        return (memory.ReadUInt32(at), memory.ReadUInt32(at + 4));
    }

    private int FdWrite(Caller caller, int fd, int iovecs, int count, int writtenPointer)
    {
        var state = State(caller);
        if (!state.IsOpen(fd))
        {
            return WasiErrno.BadF;
        }

        var output = fd switch
        {
            1 => _standardOutput,
            2 => _standardError,
            _ => null,
        };
        if (output is null)
        {
            return WasiErrno.NotCapable;
        }

        var memory = GuestMemory.Of(caller);
        if (!IovecsFit(memory, iovecs, count) || !memory.Fits(writtenPointer, 4))
        {
            return WasiErrno.Fault;
        }

        // nwritten is a u32: a write of more bytes is short, as POSIX allows.
        var written = 0UL;
        for (var i = 0u; i < (uint)count && written < uint.MaxValue; i++)
        {
            var (address, length) = Iovec(memory, iovecs, i);
            var remaining = Math.Min(length, uint.MaxValue - written);
            var at = (ulong)address;
            while (remaining > 0)
            {
                var chunk = (int)Math.Min(remaining, GuestMemory.MaxChunk);
                output.Write(memory.Span(at, chunk));
                at += (ulong)chunk;
                remaining -= (ulong)chunk;
                written += (ulong)chunk;
            }
        }

        memory.WriteUInt32(writtenPointer, (uint)written);
        return WasiErrno.Success;
    }

    private int FdRead(Caller caller, int fd, int iovecs, int count, int readPointer)
    {
        var state = State(caller);
        if (!state.IsOpen(fd))
        {
            return WasiErrno.BadF;
        }

        if (fd != StandardInputFd)
        {
            return WasiErrno.NotCapable;
        }

        var memory = GuestMemory.Of(caller);
        if (!IovecsFit(memory, iovecs, count) || !memory.Fits(readPointer, 4))
        {
            return WasiErrno.Fault;
        }

        var input = _standardInput.Span[Math.Min(state.InputPosition, _standardInput.Length)..];
        var read = 0;
        for (var i = 0u; i < (uint)count && input.Length > 0; i++)
        {
            var (address, length) = Iovec(memory, iovecs, i);
            var take = (int)Math.Min(length, (uint)input.Length);
            input[..take].CopyTo(memory.Span(address, take));
            input = input[take..];
            read += take;
        }

        state.InputPosition += read;
        memory.WriteUInt32(readPointer, (uint)read);
        return WasiErrno.Success;
    }

    private int FdClose(Caller caller, int fd)
    {
        var state = State(caller);
        if (!state.IsOpen(fd))
        {
            return WasiErrno.BadF;
        }

        state.Close(fd);
        return WasiErrno.Success;
    }

    private int FdFdstatGet(Caller caller, int fd, int resultPointer)
    {
        if (!State(caller).IsOpen(fd))
        {
            return WasiErrno.BadF;
        }

        var memory = GuestMemory.Of(caller);
        if (!memory.Fits(resultPointer, 24))
        {
            return WasiErrno.Fault;
        }

        // fdstat: fs_filetype u8 @0, fs_flags u16 @2, fs_rights_base u64 @8, fs_rights_inheriting u64 @16.
        var fdstat = memory.Span((uint)resultPointer, 24);
        fdstat.Clear();
        fdstat[0] = WasiRights.CharacterDevice;
        memory.WriteUInt64(resultPointer + 8, (ulong)(fd == StandardInputFd ? WasiRights.StandardInput : WasiRights.StandardOutput));
        return WasiErrno.Success;
    }

    private int FdFilestatGet(Caller caller, int fd, int resultPointer)
    {
        if (!State(caller).IsOpen(fd))
        {
            return WasiErrno.BadF;
        }

        var memory = GuestMemory.Of(caller);
        if (!memory.Fits(resultPointer, 64))
        {
            return WasiErrno.Fault;
        }

        // filestat: dev, ino, filetype u8 @16, nlink, size, atim, mtim, ctim; all zero but the type.
        var filestat = memory.Span((uint)resultPointer, 64);
        filestat.Clear();
        filestat[16] = WasiRights.CharacterDevice;
        return WasiErrno.Success;
    }

    private int FdRenumber(Caller caller, int fd, int to)
    {
        var state = State(caller);
        return state.IsOpen(fd) && state.IsOpen(to) ? WasiErrno.NotCapable : WasiErrno.BadF;
    }

    /// <summary>An operation the standard streams hold no right for.</summary>
    private int NotCapable(Caller caller, int fd) => State(caller).IsOpen(fd) ? WasiErrno.NotCapable : WasiErrno.BadF;

    /// <summary>seek, tell, pread, pwrite: the standard streams are not seekable.</summary>
    private int NotSeekable(Caller caller, int fd) => State(caller).IsOpen(fd) ? WasiErrno.SPipe : WasiErrno.BadF;

    /// <summary>Directory and path operations: no descriptor is a directory (there are no preopens).</summary>
    private int NotDirectory(Caller caller, int fd) => State(caller).IsOpen(fd) ? WasiErrno.NotDir : WasiErrno.BadF;

    private int NotDirectory(Caller caller, int fd, int otherFd)
    {
        var state = State(caller);
        return state.IsOpen(fd) && state.IsOpen(otherFd) ? WasiErrno.NotDir : WasiErrno.BadF;
    }

    /// <summary>Socket operations: no descriptor is a socket.</summary>
    private int NotSocket(Caller caller, int fd) => State(caller).IsOpen(fd) ? WasiErrno.NotSock : WasiErrno.BadF;
}
