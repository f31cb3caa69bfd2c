namespace WasGo.Wasm.Wasi.Clocks;

/// <summary>The time source behind WASI's clocks, in nanoseconds.</summary>
internal interface IWasiClock
{
    /// <summary>Creates the per-store state of the clock (a reading counter for the deterministic clock).</summary>
    IWasiClockReader CreateReader();

    /// <summary>The resolution of a clock in nanoseconds.</summary>
    ulong Resolution(WasiClockId clock);
}
