using System;
using System.Security.Cryptography;

namespace WasGo.Wasm.Wasi.Randomness;

/// <summary>The operating system's cryptographic generator (stateless, shared).</summary>
internal sealed class CryptoWasiRandom : IWasiRandom
{
    private CryptoWasiRandom()
    {
    }

    public static CryptoWasiRandom Instance { get; } = new();

    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
