using System;
using System.Text;
using System.Threading;

namespace WasGo.Wasm.Wasi;

/// <summary>
/// An output that keeps the bytes in memory, up to a limit, so that a guest printing without end cannot
/// exhaust the host's memory; read them with <see cref="ToArray"/> or <see cref="ToString"/>.
/// </summary>
/// <remarks>Thread-safe: several stores may write to one instance.</remarks>
public sealed class MemoryOutput : IWasiOutput
{
    /// <summary>The default limit: 16 MiB.</summary>
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    private readonly Lock _lock = new();
    private byte[] _bytes = [];
    private int _length;

    /// <summary>Creates an output that keeps at most <see cref="DefaultMaxBytes"/> bytes.</summary>
    public MemoryOutput()
        : this(DefaultMaxBytes)
    {
    }

    /// <summary>Creates an output that keeps at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="maxBytes">The limit; bytes beyond it are dropped and <see cref="Truncated"/> becomes true.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is negative.</exception>
    public MemoryOutput(int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        MaxBytes = maxBytes;
    }

    /// <summary>The most bytes this output keeps.</summary>
    public int MaxBytes { get; }

    /// <summary>The number of bytes kept.</summary>
    public int Length
    {
        get
        {
            lock (_lock)
            {
                return _length;
            }
        }
    }

    /// <summary>Whether bytes were dropped because the limit was reached.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Keeps the bytes, as far as the limit allows.</summary>
    /// <param name="bytes">The bytes.</param>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            var room = MaxBytes - _length;
            if (bytes.Length > room)
            {
                Truncated = true;
                bytes = bytes[..room];
            }

            if (_length + bytes.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, (int)Math.Min(MaxBytes, Math.Max(_length + (long)bytes.Length, Math.Max(256L, _bytes.Length * 2L))));
            }

            bytes.CopyTo(_bytes.AsSpan(_length));
            _length += bytes.Length;
        }
    }

    /// <summary>A copy of the bytes kept.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray()
    {
        lock (_lock)
        {
            return _bytes.AsSpan(0, _length).ToArray();
        }
    }

    /// <summary>The bytes kept, decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        lock (_lock)
        {
            return Encoding.UTF8.GetString(_bytes, 0, _length);
        }
    }

    /// <summary>Forgets the bytes kept and clears <see cref="Truncated"/>.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _length = 0;
            Truncated = false;
        }
    }
}
