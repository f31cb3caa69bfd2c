using System;
using System.Linq;
using System.Runtime.CompilerServices;
using WasGo.Wasm.Wasi.Clocks;
using WasGo.Wasm.Wasi.Randomness;

namespace WasGo.Wasm.Wasi.Preview1;

/// <summary>
/// The host side of <c>wasi_snapshot_preview1</c> for one configuration snapshot: every preview1
/// function, with state kept per store. Guest pointers are bounds-checked before anything is read or
/// written; a range outside memory (or a module without a "memory" export) gives EFAULT.
/// </summary>
internal sealed partial class WasiFunctions
{
    /// <summary>The import module name.</summary>
    public const string ModuleName = "wasi_snapshot_preview1";

    private readonly ConditionalWeakTable<Store, WasiStoreState> _states = new();
    private readonly ConditionalWeakTable<Store, WasiStoreState>.CreateValueCallback _createState;
    private readonly WasiStringTable _arguments;
    private readonly WasiStringTable _environment;
    private readonly IWasiOutput _standardOutput;
    private readonly IWasiOutput _standardError;
    private readonly ReadOnlyMemory<byte> _standardInput;
    private readonly IWasiClock _clock;
    private readonly ulong? _randomSeed;

    public WasiFunctions(WasiConfiguration configuration)
    {
        _arguments = new WasiStringTable(configuration.Arguments);
        _environment = new WasiStringTable(configuration.EnvironmentVariables.Select(static e => $"{e.Key}={e.Value}"));
        _standardOutput = configuration.StandardOutput;
        _standardError = configuration.StandardError;
        _standardInput = configuration.StandardInput;
        _clock = configuration.DeterministicClockStart is { } start
            ? new DeterministicWasiClock(start, configuration.DeterministicClockStep)
            : new SystemWasiClock(configuration.Clock);
        _randomSeed = configuration.RandomSeed;
        _createState = _ => new WasiStoreState(
            _clock.CreateReader(),
            _randomSeed is { } seed ? new Xoshiro256StarStar(seed) : CryptoWasiRandom.Instance);
    }

    /// <summary>Defines every preview1 function in the linker.</summary>
    public void Define(Linker linker)
    {
        const string M = ModuleName;
        linker.DefineFunction(M, "args_get", (Func<Caller, int, int, int>)ArgsGet);
        linker.DefineFunction(M, "args_sizes_get", (Func<Caller, int, int, int>)ArgsSizesGet);
        linker.DefineFunction(M, "environ_get", (Func<Caller, int, int, int>)EnvironGet);
        linker.DefineFunction(M, "environ_sizes_get", (Func<Caller, int, int, int>)EnvironSizesGet);
        linker.DefineFunction(M, "clock_res_get", (Func<Caller, int, int, int>)ClockResGet);
        linker.DefineFunction(M, "clock_time_get", (Func<Caller, int, long, int, int>)ClockTimeGet);
        linker.DefineFunction(M, "fd_advise", (Func<Caller, int, long, long, int, int>)((c, fd, _, _, _) => NotCapable(c, fd)));
        linker.DefineFunction(M, "fd_allocate", (Func<Caller, int, long, long, int>)((c, fd, _, _) => NotCapable(c, fd)));
        linker.DefineFunction(M, "fd_close", (Func<Caller, int, int>)FdClose);
        linker.DefineFunction(M, "fd_datasync", (Func<Caller, int, int>)NotCapable);
        linker.DefineFunction(M, "fd_fdstat_get", (Func<Caller, int, int, int>)FdFdstatGet);
        linker.DefineFunction(M, "fd_fdstat_set_flags", (Func<Caller, int, int, int>)((c, fd, _) => NotCapable(c, fd)));
        linker.DefineFunction(M, "fd_fdstat_set_rights", (Func<Caller, int, long, long, int>)((c, fd, _, _) => NotCapable(c, fd)));
        linker.DefineFunction(M, "fd_filestat_get", (Func<Caller, int, int, int>)FdFilestatGet);
        linker.DefineFunction(M, "fd_filestat_set_size", (Func<Caller, int, long, int>)((c, fd, _) => NotCapable(c, fd)));
        linker.DefineFunction(M, "fd_filestat_set_times", (Func<Caller, int, long, long, int, int>)((c, fd, _, _, _) => NotCapable(c, fd)));
        linker.DefineFunction(M, "fd_pread", (Func<Caller, int, int, int, long, int, int>)((c, fd, _, _, _, _) => NotSeekable(c, fd)));
        linker.DefineFunction(M, "fd_prestat_get", (Func<int, int, int>)((_, _) => WasiErrno.BadF));
        linker.DefineFunction(M, "fd_prestat_dir_name", (Func<int, int, int, int>)((_, _, _) => WasiErrno.BadF));
        linker.DefineFunction(M, "fd_pwrite", (Func<Caller, int, int, int, long, int, int>)((c, fd, _, _, _, _) => NotSeekable(c, fd)));
        linker.DefineFunction(M, "fd_read", (Func<Caller, int, int, int, int, int>)FdRead);
        linker.DefineFunction(M, "fd_readdir", (Func<Caller, int, int, int, long, int, int>)((c, fd, _, _, _, _) => NotDirectory(c, fd)));
        linker.DefineFunction(M, "fd_renumber", (Func<Caller, int, int, int>)FdRenumber);
        linker.DefineFunction(M, "fd_seek", (Func<Caller, int, long, int, int, int>)((c, fd, _, _, _) => NotSeekable(c, fd)));
        linker.DefineFunction(M, "fd_sync", (Func<Caller, int, int>)NotCapable);
        linker.DefineFunction(M, "fd_tell", (Func<Caller, int, int, int>)((c, fd, _) => NotSeekable(c, fd)));
        linker.DefineFunction(M, "fd_write", (Func<Caller, int, int, int, int, int>)FdWrite);
        linker.DefineFunction(M, "path_create_directory", (Func<Caller, int, int, int, int>)((c, fd, _, _) => NotDirectory(c, fd)));
        linker.DefineFunction(M, "path_filestat_get", (Func<Caller, int, int, int, int, int, int>)((c, fd, _, _, _, _) => NotDirectory(c, fd)));
        linker.DefineFunction(M, "path_filestat_set_times", (Func<Caller, int, int, int, int, long, long, int, int>)((c, fd, _, _, _, _, _, _) => NotDirectory(c, fd)));
        linker.DefineFunction(M, "path_link", (Func<Caller, int, int, int, int, int, int, int, int>)((c, oldFd, _, _, _, newFd, _, _) => NotDirectory(c, oldFd, newFd)));
        linker.DefineFunction(M, "path_open", (Func<Caller, int, int, int, int, int, long, long, int, int, int>)((c, fd, _, _, _, _, _, _, _, _) => NotDirectory(c, fd)));
        linker.DefineFunction(M, "path_readlink", (Func<Caller, int, int, int, int, int, int, int>)((c, fd, _, _, _, _, _) => NotDirectory(c, fd)));
        linker.DefineFunction(M, "path_remove_directory", (Func<Caller, int, int, int, int>)((c, fd, _, _) => NotDirectory(c, fd)));
        linker.DefineFunction(M, "path_rename", (Func<Caller, int, int, int, int, int, int, int>)((c, oldFd, _, _, newFd, _, _) => NotDirectory(c, oldFd, newFd)));
        linker.DefineFunction(M, "path_symlink", (Func<Caller, int, int, int, int, int, int>)((c, _, _, fd, _, _) => NotDirectory(c, fd)));
        linker.DefineFunction(M, "path_unlink_file", (Func<Caller, int, int, int, int>)((c, fd, _, _) => NotDirectory(c, fd)));
        linker.DefineFunction(M, "poll_oneoff", (Func<int, int, int, int, int>)((_, _, _, _) => WasiErrno.NoSys));
        linker.DefineFunction(M, "proc_exit", (Action<int>)ProcExit);
        linker.DefineFunction(M, "proc_raise", (Func<int, int>)(_ => WasiErrno.NoSys));
        linker.DefineFunction(M, "random_get", (Func<Caller, int, int, int>)RandomGet);
        linker.DefineFunction(M, "sched_yield", (Func<int>)(() => WasiErrno.Success));
        linker.DefineFunction(M, "sock_accept", (Func<Caller, int, int, int, int>)((c, fd, _, _) => NotSocket(c, fd)));
        linker.DefineFunction(M, "sock_recv", (Func<Caller, int, int, int, int, int, int, int>)((c, fd, _, _, _, _, _) => NotSocket(c, fd)));
        linker.DefineFunction(M, "sock_send", (Func<Caller, int, int, int, int, int, int>)((c, fd, _, _, _, _) => NotSocket(c, fd)));
        linker.DefineFunction(M, "sock_shutdown", (Func<Caller, int, int, int>)((c, fd, _) => NotSocket(c, fd)));
    }

    private static void ProcExit(int code) => throw new WasiExitException(code);

    private WasiStoreState State(Caller caller) => _states.GetValue(caller.Store, _createState);
}
