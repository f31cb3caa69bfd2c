using System;
using System.IO;
using System.Threading;

namespace WasGo.Wasm.Wasi;

/// <summary>
/// An output that decodes the bytes as UTF-8 and writes the text to a <see cref="TextWriter"/> (e.g.
/// <see cref="Console.Out"/> or a <see cref="StringWriter"/>). A character split across two writes is
/// decoded whole.
/// </summary>
/// <remarks>Thread-safe with respect to itself; the writer is not flushed (flush it yourself, or use one that flushes).</remarks>
public sealed class TextWriterOutput : IWasiOutput
{
    private readonly Lock _lock = new();
    private readonly Utf8StreamDecoder _decoder = new();

    /// <summary>Creates an output writing to <paramref name="writer"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public TextWriterOutput(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Writer = writer;
    }

    /// <summary>The destination.</summary>
    public TextWriter Writer { get; }

    /// <summary>Decodes the bytes and writes the text.</summary>
    /// <param name="bytes">UTF-8 bytes (invalid sequences become U+FFFD).</param>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            Writer.Write(_decoder.Decode(bytes));
        }
    }
}
