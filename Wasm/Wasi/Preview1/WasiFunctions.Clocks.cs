using System;
using WasGo.Wasm.Wasi.Clocks;

namespace WasGo.Wasm.Wasi.Preview1;

/// <summary>clock_* and random_get.</summary>
internal sealed partial class WasiFunctions
{
    private int ClockResGet(Caller caller, int clock, int resultPointer)
    {
        if ((uint)clock > (uint)WasiClockId.ThreadCpuTime)
        {
            return WasiErrno.Inval;
        }

        var memory = GuestMemory.Of(caller);
        if (!memory.Fits(resultPointer, 8))
        {
            return WasiErrno.Fault;
        }

        memory.WriteUInt64(resultPointer, _clock.Resolution((WasiClockId)clock));
        return WasiErrno.Success;
    }

    private int ClockTimeGet(Caller caller, int clock, long precision, int resultPointer)
    {
        _ = precision;
        if ((uint)clock > (uint)WasiClockId.ThreadCpuTime)
        {
            return WasiErrno.Inval;
        }

        var memory = GuestMemory.Of(caller);
        if (!memory.Fits(resultPointer, 8))
        {
            return WasiErrno.Fault;
        }

        memory.WriteUInt64(resultPointer, State(caller).Clock.Now((WasiClockId)clock));
        return WasiErrno.Success;
    }

    private int RandomGet(Caller caller, int buffer, int length)
    {
        var memory = GuestMemory.Of(caller);
        if (!memory.Fits(buffer, (uint)length))
        {
            return WasiErrno.Fault;
        }

        var random = State(caller).Random;
        var address = (ulong)(uint)buffer;
        var remaining = (ulong)(uint)length;
        while (remaining > 0)
        {
            var chunk = (int)Math.Min(remaining, GuestMemory.MaxChunk);
            random.Fill(memory.Span(address, chunk));
            address += (ulong)chunk;
            remaining -= (ulong)chunk;
        }

        return WasiErrno.Success;
    }
}
