namespace WasGo.Wasm.Wasi.Clocks;

/// <summary>Reads a clock for one store.</summary>
internal interface IWasiClockReader
{
    /// <summary>The current time of a clock in nanoseconds (since the Unix epoch for the realtime clock).</summary>
    ulong Now(WasiClockId clock);
}
