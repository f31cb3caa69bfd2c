using System;
using WasGo.Wasm.Text.Lexing;
using WasGo.Wasm.Text.Parsing;

namespace WasGo.Wasm.Text;

/// <summary>
/// The WebAssembly text format (WAT): parses a module and produces the binary module bytes, byte for byte what
/// wabt's <c>wat2wasm</c> writes (no name section).
/// </summary>
/// <remarks>
/// Covers WebAssembly 2.0 without SIMD: folded and flat instructions, <c>$names</c> in every index space, inline
/// imports and exports, implicit function types, data strings, every literal form, and the element and data segment
/// forms. Hostile text fails with a <see cref="WatException"/> in time and memory proportional to its length: nothing
/// recurses on the nesting of the input, and blocks or folded instructions nested deeper than 100,000 levels are an
/// error. The output is not validated: pass it to <see cref="Module.FromBytes"/>, which is. Stateless and thread-safe.
/// Positions inside a <c>(module quote ...)</c> count from the start of the quoted text.
/// </remarks>
public static class Wat
{
    /// <summary>Parses a text module and returns its binary encoding.</summary>
    /// <param name="text">
    /// One <c>(module ...)</c> form, or the fields of a module without the <c>(module ...)</c> wrapper.
    /// <c>(module binary "...")</c> and <c>(module quote "...")</c> are accepted too.
    /// </param>
    /// <returns>The bytes of the binary module.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="WatException">The text is malformed; the message starts with line:column.</exception>
    public static byte[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Lexer.Tokenize(text);
        if (tokens.Count == 1)
        {
            var end = tokens[0];
            throw new WatException("expected a module, found the end of the text", end.Line, end.Column);
        }

        if (tokens.IsForm(0, "module"))
        {
            var after = tokens.Close(0) + 1;
            if (after != tokens.Count - 1)
            {
                var t = tokens[after];
                throw new WatException("unexpected text after the module: one module per text", t.Line, t.Column);
            }

            return ParseModule(tokens, 0);
        }

        return ModuleParser.Parse(tokens, 0, tokens.Count - 1);
    }

    /// <summary>Parses a text module given as UTF-8 bytes (a .wat file) and returns its binary encoding.</summary>
    /// <param name="utf8Text">The text, encoded as UTF-8; a byte-order mark is skipped.</param>
    /// <returns>The bytes of the binary module.</returns>
    /// <exception cref="WatException">The bytes are not valid UTF-8, or the text is malformed; the message starts with line:column.</exception>
    public static byte[] Parse(ReadOnlySpan<byte> utf8Text)
    {
        if (utf8Text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8Text = utf8Text[3..];
        }

        if (!System.Text.Unicode.Utf8.IsValid(utf8Text))
        {
            var line = 1;
            var lineStart = 0;
            var valid = 0;
            while (System.Text.Rune.DecodeFromUtf8(utf8Text[valid..], out var rune, out var length) == System.Buffers.OperationStatus.Done)
            {
                if (rune.Value == '\n')
                {
                    line++;
                    lineStart = valid + length;
                }

                valid += length;
            }

            var column = System.Text.Encoding.UTF8.GetCharCount(utf8Text[lineStart..valid]) + 1;
            throw new WatException("malformed UTF-8 encoding", line, column);
        }

        return Parse(System.Text.Encoding.UTF8.GetString(utf8Text));
    }

    /// <summary>Converts the <c>(module ...)</c> form that opens at token <paramref name="open"/>.</summary>
    internal static byte[] ParseModule(TokenList tokens, int open)
    {
        var close = tokens.Close(open);
        var q = open + 2;
        if (tokens[q].Kind == TokenKind.Id)
        {
            q++;
        }

        if (tokens.IsKeyword(q, "binary") || tokens.IsKeyword(q, "quote"))
        {
            var isQuote = tokens.IsKeyword(q, "quote");
            var buffer = new Binary.ByteBuffer();
            for (var r = q + 1; r < close; r++)
            {
                if (tokens[r].Kind != TokenKind.String)
                {
                    var t = tokens[r];
                    throw new WatException("expected a string", t.Line, t.Column);
                }

                StringLiteral.Decode(tokens.Span(r), buffer);
            }

            if (!isQuote)
            {
                return buffer.ToArray();
            }

            string quoted;
            try
            {
                quoted = new System.Text.UTF8Encoding(false, true).GetString(buffer.Span);
            }
            catch (System.Text.DecoderFallbackException)
            {
                var t = tokens[q];
                throw new WatException("the quoted module text is not valid UTF-8", t.Line, t.Column);
            }

            var inner = Lexer.Tokenize(quoted);
            return ModuleParser.Parse(inner, 0, inner.Count - 1);
        }

        return ModuleParser.Parse(tokens, q, close);
    }
}
