using System;
using System.Text;

namespace WasGo.Wasm.Text.Lexing;

/// <summary>Decodes a string token (already checked by the lexer) into its bytes.</summary>
internal static class StringLiteral
{
    /// <summary>Appends the bytes of the string token <paramref name="token"/> (quotes included) to <paramref name="output"/>.</summary>
    public static void Decode(ReadOnlySpan<char> token, Binary.ByteBuffer output)
    {
        var body = token[1..^1];
        Span<byte> utf8 = stackalloc byte[4];
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c != '\\')
            {
                if (char.IsHighSurrogate(c) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]))
                {
                    var n = System.Text.Encoding.UTF8.GetBytes(body.Slice(i, 2), utf8);
                    output.Write(utf8[..n]);
                    i += 2;
                }
                else if (c < 0x80)
                {
                    output.WriteByte((byte)c);
                    i++;
                }
                else
                {
                    var n = System.Text.Encoding.UTF8.GetBytes(body.Slice(i, 1), utf8);
                    output.Write(utf8[..n]);
                    i++;
                }

                continue;
            }

            c = body[i + 1];
            switch (c)
            {
                case 't': output.WriteByte((byte)'\t'); i += 2; break;
                case 'n': output.WriteByte((byte)'\n'); i += 2; break;
                case 'r': output.WriteByte((byte)'\r'); i += 2; break;
                case '"': output.WriteByte((byte)'"'); i += 2; break;
                case '\'': output.WriteByte((byte)'\''); i += 2; break;
                case '\\': output.WriteByte((byte)'\\'); i += 2; break;
                case 'u':
                {
                    i += 3;
                    var value = 0;
                    while (body[i] != '}')
                    {
                        if (body[i] != '_')
                        {
                            value = value * 16 + Lexer.HexValue(body[i]);
                        }

                        i++;
                    }

                    i++;
                    var rune = new Rune(value);
                    var n = rune.EncodeToUtf8(utf8);
                    output.Write(utf8[..n]);
                    break;
                }

                default:
                    output.WriteByte((byte)(Lexer.HexValue(c) * 16 + Lexer.HexValue(body[i + 2])));
                    i += 3;
                    break;
            }
        }
    }
}
