using System;

namespace WasGo.Wasm.Wasi.Clocks;

/// <summary>A virtual clock: reading n of a store gives start + n × step (realtime) or n × step (the others).</summary>
internal sealed class DeterministicWasiClock(DateTimeOffset start, TimeSpan step) : IWasiClock
{
    private readonly ulong _startNanoseconds = (ulong)(start - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;
    private readonly ulong _stepNanoseconds = (ulong)step.Ticks * TimeSpan.NanosecondsPerTick;

    public IWasiClockReader CreateReader() => new Reader(this);

    public ulong Resolution(WasiClockId clock) => Math.Max(1UL, _stepNanoseconds);

    private sealed class Reader(DeterministicWasiClock clock) : IWasiClockReader
    {
        private ulong _readings;

        public ulong Now(WasiClockId id)
        {
            var elapsed = unchecked(_readings++ * clock._stepNanoseconds);
            return id == WasiClockId.Realtime ? unchecked(clock._startNanoseconds + elapsed) : elapsed;
        }
    }
}
