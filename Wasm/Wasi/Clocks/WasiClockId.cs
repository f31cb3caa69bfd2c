namespace WasGo.Wasm.Wasi.Clocks;

/// <summary>WASI preview1's <c>clockid</c>.</summary>
internal enum WasiClockId
{
    /// <summary>Wall-clock time since the Unix epoch.</summary>
    Realtime = 0,

    /// <summary>A clock that never goes back, from an unspecified start.</summary>
    Monotonic = 1,

    /// <summary>CPU time of the process (here: the monotonic clock).</summary>
    ProcessCpuTime = 2,

    /// <summary>CPU time of the thread (here: the monotonic clock).</summary>
    ThreadCpuTime = 3,
}
