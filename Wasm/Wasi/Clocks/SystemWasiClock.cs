using System;

namespace WasGo.Wasm.Wasi.Clocks;

/// <summary>Clocks from a <see cref="TimeProvider"/>: UTC time for realtime, its timestamp for the others.</summary>
internal sealed class SystemWasiClock(TimeProvider provider) : IWasiClock, IWasiClockReader
{
    private const ulong NanosecondsPerSecond = 1_000_000_000;

    public IWasiClockReader CreateReader() => this;

    public ulong Resolution(WasiClockId clock) => clock == WasiClockId.Realtime
        ? (ulong)TimeSpan.NanosecondsPerTick
        : Math.Max(1UL, NanosecondsPerSecond / (ulong)Math.Max(1L, provider.TimestampFrequency));

    public ulong Now(WasiClockId clock)
    {
        if (clock == WasiClockId.Realtime)
        {
            var ticks = (provider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks;
            var nanoseconds = (UInt128)(ulong)Math.Max(0L, ticks) * (ulong)TimeSpan.NanosecondsPerTick;
            return nanoseconds > ulong.MaxValue ? ulong.MaxValue : (ulong)nanoseconds;
        }

        var timestamp = provider.GetTimestamp();
        var frequency = Math.Max(1L, provider.TimestampFrequency);
        return timestamp <= 0 ? 0 : (ulong)((UInt128)(ulong)timestamp * NanosecondsPerSecond / (ulong)frequency);
    }
}
