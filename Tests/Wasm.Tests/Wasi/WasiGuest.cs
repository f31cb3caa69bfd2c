using System;
using System.Text;
using WasGo.Wasm.Wasi;

namespace WasGo.Wasm.Tests.Wasi;

/// <summary>
/// A hand-written module that re-exports preview1 functions unchanged (so tests can call them with any
/// argument, bad pointers included) and exports one page of memory, instantiated with WASI defined.
/// </summary>
internal sealed class WasiGuest : IDisposable
{
    private const string Text = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
          (import "wasi_snapshot_preview1" "clock_res_get" (func $clock_res_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_raise" (func $proc_raise (param i32) (result i32)))
          (import "wasi_snapshot_preview1" "sched_yield" (func $sched_yield (result i32)))
          (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_recv" (func $sock_recv (param i32 i32 i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "fd_write") (param i32 i32 i32 i32) (result i32) (call $fd_write (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "fd_read") (param i32 i32 i32 i32) (result i32) (call $fd_read (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "fd_close") (param i32) (result i32) (call $fd_close (local.get 0)))
          (func (export "fd_seek") (param i32 i64 i32 i32) (result i32) (call $fd_seek (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "fd_fdstat_get") (param i32 i32) (result i32) (call $fd_fdstat_get (local.get 0) (local.get 1)))
          (func (export "fd_prestat_get") (param i32 i32) (result i32) (call $fd_prestat_get (local.get 0) (local.get 1)))
          (func (export "args_sizes_get") (param i32 i32) (result i32) (call $args_sizes_get (local.get 0) (local.get 1)))
          (func (export "args_get") (param i32 i32) (result i32) (call $args_get (local.get 0) (local.get 1)))
          (func (export "environ_sizes_get") (param i32 i32) (result i32) (call $environ_sizes_get (local.get 0) (local.get 1)))
          (func (export "environ_get") (param i32 i32) (result i32) (call $environ_get (local.get 0) (local.get 1)))
          (func (export "clock_time_get") (param i32 i64 i32) (result i32) (call $clock_time_get (local.get 0) (local.get 1) (local.get 2)))
          (func (export "clock_res_get") (param i32 i32) (result i32) (call $clock_res_get (local.get 0) (local.get 1)))
          (func (export "random_get") (param i32 i32) (result i32) (call $random_get (local.get 0) (local.get 1)))
          (func (export "poll_oneoff") (param i32 i32 i32 i32) (result i32) (call $poll_oneoff (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "proc_raise") (param i32) (result i32) (call $proc_raise (local.get 0)))
          (func (export "sched_yield") (result i32) (call $sched_yield))
          (func (export "path_open") (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)
            (call $path_open (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6) (local.get 7) (local.get 8)))
          (func (export "sock_recv") (param i32 i32 i32 i32 i32 i32) (result i32)
            (call $sock_recv (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5))))
        """;

    private readonly Engine _engine = new();
    private readonly Store _store;

    public WasiGuest(WasiConfiguration? configuration = null)
    {
        configuration ??= new WasiConfiguration();
        configuration.WithStandardOutput(Output).WithStandardError(Error);
        _store = new Store(_engine);
        var linker = new Linker(_engine);
        linker.DefineWasi(configuration);
        Instance = linker.Instantiate(_store, Module.FromBytes(_engine, "guest", WasGo.Wasm.Text.Wat.Parse(Text)));
        Memory = Instance.GetMemory("memory")!;
    }

    public const int PageSize = 65536;

    public MemoryOutput Output { get; } = new();

    public MemoryOutput Error { get; } = new();

    public Instance Instance { get; }

    public Memory Memory { get; }

    public int FdWrite(int fd, int iovecs, int count, int written) => Call<Func<int, int, int, int, int>>("fd_write")(fd, iovecs, count, written);

    public int FdRead(int fd, int iovecs, int count, int read) => Call<Func<int, int, int, int, int>>("fd_read")(fd, iovecs, count, read);

    public int FdClose(int fd) => Call<Func<int, int>>("fd_close")(fd);

    public int FdSeek(int fd, long offset, int whence, int result) => Call<Func<int, long, int, int, int>>("fd_seek")(fd, offset, whence, result);

    public int FdFdstatGet(int fd, int result) => Call<Func<int, int, int>>("fd_fdstat_get")(fd, result);

    public int FdPrestatGet(int fd, int result) => Call<Func<int, int, int>>("fd_prestat_get")(fd, result);

    public int ArgsSizesGet(int count, int size) => Call<Func<int, int, int>>("args_sizes_get")(count, size);

    public int ArgsGet(int pointers, int buffer) => Call<Func<int, int, int>>("args_get")(pointers, buffer);

    public int EnvironSizesGet(int count, int size) => Call<Func<int, int, int>>("environ_sizes_get")(count, size);

    public int EnvironGet(int pointers, int buffer) => Call<Func<int, int, int>>("environ_get")(pointers, buffer);

    public int ClockTimeGet(int clock, long precision, int result) => Call<Func<int, long, int, int>>("clock_time_get")(clock, precision, result);

    public int ClockResGet(int clock, int result) => Call<Func<int, int, int>>("clock_res_get")(clock, result);

    public int RandomGet(int buffer, int length) => Call<Func<int, int, int>>("random_get")(buffer, length);

    public int PollOneoff(int input, int output, int subscriptions, int events) => Call<Func<int, int, int, int, int>>("poll_oneoff")(input, output, subscriptions, events);

    public int ProcRaise(int signal) => Call<Func<int, int>>("proc_raise")(signal);

    public int SchedYield() => Call<Func<int>>("sched_yield")();

    public int PathOpen(int fd, int path, int length) => Call<Func<int, int, int, int, int, long, long, int, int, int>>("path_open")(fd, 0, path, length, 0, 0, 0, 0, 0);

    public int SockRecv(int fd) => Call<Func<int, int, int, int, int, int, int>>("sock_recv")(fd, 0, 0, 0, 0, 0);

    /// <summary>Writes an iovec table of (address, length) pairs at <paramref name="at"/>.</summary>
    public void WriteIovecs(int at, params (int Address, int Length)[] iovecs)
    {
        for (var i = 0; i < iovecs.Length; i++)
        {
            Memory.WriteInt32(at + (i * 8), iovecs[i].Address);
            Memory.WriteInt32(at + (i * 8) + 4, iovecs[i].Length);
        }
    }

    public void WriteText(int at, string text) => Encoding.UTF8.GetBytes(text).CopyTo(Memory.GetSpan(at, Encoding.UTF8.GetByteCount(text)));

    public string ReadText(int at, int length) => Encoding.UTF8.GetString(Memory.GetSpan(at, length));

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    private TDelegate Call<TDelegate>(string name)
        where TDelegate : Delegate => Instance.GetFunction(name)!.Wrap<TDelegate>()!;
}
