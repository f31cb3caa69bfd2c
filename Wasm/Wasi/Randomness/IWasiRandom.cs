using System;

namespace WasGo.Wasm.Wasi.Randomness;

/// <summary>The source of <c>random_get</c>'s bytes for one store.</summary>
internal interface IWasiRandom
{
    /// <summary>Fills the buffer with random bytes.</summary>
    void Fill(Span<byte> buffer);
}
