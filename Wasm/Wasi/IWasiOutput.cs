using System;

namespace WasGo.Wasm.Wasi;

/// <summary>
/// Where a guest's standard output or standard error goes: receives the raw bytes of every
/// <c>fd_write</c> to that stream, in order.
/// </summary>
/// <remarks>
/// Called synchronously on the thread running the guest, while the guest waits. The span is only valid
/// during the call (it points into the guest's memory): copy what you keep. An exception thrown here
/// becomes a host-error trap of the guest call. Ready-made sinks: <see cref="MemoryOutput"/>,
/// <see cref="TextWriterOutput"/>, <see cref="LineOutput"/> and <see cref="DiscardOutput"/>.
/// </remarks>
public interface IWasiOutput
{
    /// <summary>Receives bytes the guest wrote.</summary>
    /// <param name="bytes">The bytes, valid only during this call.</param>
    void Write(ReadOnlySpan<byte> bytes);
}
