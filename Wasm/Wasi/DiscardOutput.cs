using System;

namespace WasGo.Wasm.Wasi;

/// <summary>An output that drops everything (the default for standard output and standard error).</summary>
public sealed class DiscardOutput : IWasiOutput
{
    private DiscardOutput()
    {
    }

    /// <summary>The one instance.</summary>
    public static DiscardOutput Instance { get; } = new();

    /// <summary>Drops the bytes.</summary>
    /// <param name="bytes">Ignored.</param>
    public void Write(ReadOnlySpan<byte> bytes)
    {
    }
}
