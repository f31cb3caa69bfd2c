using System;
using System.Text;

namespace WasGo.Wasm.Wasi;

/// <summary>
/// Decodes a stream of UTF-8 writes: a character split across two writes is decoded whole, invalid
/// sequences become U+FFFD. The chars returned are valid until the next call.
/// </summary>
/// <remarks>Not thread-safe; its owner locks.</remarks>
internal sealed class Utf8StreamDecoder
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private char[] _chars = new char[256];

    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes)
    {
        var needed = _decoder.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        var count = _decoder.GetChars(bytes, _chars, flush: false);
        return _chars.AsSpan(0, count);
    }
}
