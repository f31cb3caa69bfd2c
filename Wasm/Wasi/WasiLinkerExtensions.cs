using System;
using WasGo.Wasm.Wasi.Preview1;

namespace WasGo.Wasm.Wasi;

/// <summary>Defines WASI preview1 in a <see cref="Linker"/>.</summary>
public static class WasiLinkerExtensions
{
    /// <summary>
    /// Defines every <c>wasi_snapshot_preview1</c> function, so that any module built for wasm32-wasi
    /// links. Standard output and error go to the configured sinks, standard input reads the configured
    /// bytes, <c>args_*</c>, <c>environ_*</c>, <c>clock_*</c> and <c>random_get</c> serve the
    /// configuration, <c>proc_exit</c> throws <see cref="WasiExitException"/>, <c>sched_yield</c>
    /// succeeds. No file, directory, socket or process exists: those functions return EBADF for an
    /// unknown descriptor and ENOTDIR, ENOTSOCK, ESPIPE or ENOTCAPABLE for a standard stream;
    /// <c>poll_oneoff</c> and <c>proc_raise</c> return ENOSYS. A guest pointer or range outside the
    /// caller's exported "memory" makes the call return EFAULT (21) without writing anything.
    /// </summary>
    /// <param name="linker">The linker.</param>
    /// <param name="configuration">The configuration, or null for the defaults (everything empty, output discarded).</param>
    /// <remarks>
    /// State (closed standard streams, how far standard input was read, the deterministic clock and random
    /// generator) is kept per <see cref="Store"/>: each store of this linker starts afresh. The
    /// configuration is copied; later changes to it have no effect here.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="linker"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A preview1 function is already defined and shadowing is off.</exception>
    public static void DefineWasi(this Linker linker, WasiConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(linker);
        new WasiFunctions((configuration ?? new WasiConfiguration()).Clone()).Define(linker);
    }
}
