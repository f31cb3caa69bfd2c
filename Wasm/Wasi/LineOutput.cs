using System;
using System.Text;
using System.Threading;

namespace WasGo.Wasm.Wasi;

/// <summary>
/// An output that decodes UTF-8 and hands each complete line, without its line break, to a callback:
/// the way to route a guest's output to a logger without this library depending on one. A line longer
/// than <see cref="MaxLineLength"/> characters is passed on in pieces of that length.
/// </summary>
/// <remarks>
/// Thread-safe with respect to itself. Text after the last line break waits for the next one; call
/// <see cref="Flush"/> after the guest finished to receive it.
/// </remarks>
public sealed class LineOutput : IWasiOutput
{
    /// <summary>The default maximum line length: 64 Ki characters.</summary>
    public const int DefaultMaxLineLength = 64 * 1024;

    private readonly Lock _lock = new();
    private readonly Utf8StreamDecoder _decoder = new();
    private readonly StringBuilder _line = new();
    private readonly Action<string> _onLine;

    /// <summary>Creates an output that calls <paramref name="onLine"/> once per line.</summary>
    /// <param name="onLine">Receives each line, without "\n" or a "\r" before it.</param>
    /// <param name="maxLineLength">The longest line passed on whole (at least 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="onLine"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLineLength"/> is less than 1.</exception>
    public LineOutput(Action<string> onLine, int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        _onLine = onLine;
        MaxLineLength = maxLineLength;
    }

    /// <summary>The longest line passed on whole.</summary>
    public int MaxLineLength { get; }

    /// <summary>Decodes the bytes and passes on every line they complete.</summary>
    /// <param name="bytes">UTF-8 bytes (invalid sequences become U+FFFD).</param>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            foreach (var c in _decoder.Decode(bytes))
            {
                if (c == '\n')
                {
                    Emit();
                }
                else
                {
                    _line.Append(c);
                    if (_line.Length >= MaxLineLength)
                    {
                        Emit();
                    }
                }
            }
        }
    }

    /// <summary>Passes on the text after the last line break, if any, as a line.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (_line.Length > 0)
            {
                Emit();
            }
        }
    }

    private void Emit()
    {
        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }

        var line = _line.ToString();
        _line.Clear();
        _onLine(line);
    }
}
