using System.Collections.Generic;

namespace WasGo.Wasm.Text.Lexing;

/// <summary>Splits WebAssembly text into tokens; comments and white space are dropped. No recursion.</summary>
internal static class Lexer
{
    /// <summary>Tokenizes <paramref name="text"/> and pairs its parentheses.</summary>
    /// <exception cref="WatException">An unknown character, an unterminated string or comment, or unbalanced parentheses.</exception>
    public static TokenList Tokenize(string text)
    {
        var tokens = new List<Token>();
        var match = new List<int>();
        var open = new Stack<int>();
        var line = 1;
        var lineStart = 0;
        var i = 0;
        while (true)
        {
            // White space and comments.
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n')
                {
                    i++;
                    line++;
                    lineStart = i;
                }
                else if (c is ' ' or '\t' or '\r')
                {
                    i++;
                }
                else if (c == ';' && i + 1 < text.Length && text[i + 1] == ';')
                {
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }
                }
                else if (c == '(' && i + 1 < text.Length && text[i + 1] == ';')
                {
                    var startLine = line;
                    var startColumn = i - lineStart + 1;
                    var depth = 1;
                    i += 2;
                    while (depth > 0)
                    {
                        if (i >= text.Length)
                        {
                            throw new WatException("unterminated block comment", startLine, startColumn);
                        }

                        if (text[i] == '(' && i + 1 < text.Length && text[i + 1] == ';')
                        {
                            depth++;
                            i += 2;
                        }
                        else if (text[i] == ';' && i + 1 < text.Length && text[i + 1] == ')')
                        {
                            depth--;
                            i += 2;
                        }
                        else
                        {
                            if (text[i] == '\n')
                            {
                                line++;
                                lineStart = i + 1;
                            }

                            i++;
                        }
                    }
                }
                else
                {
                    break;
                }
            }

            var column = i - lineStart + 1;
            if (i >= text.Length)
            {
                if (open.Count > 0)
                {
                    var unclosed = tokens[open.Peek()];
                    throw new WatException("unclosed '(': no matching ')' before the end of the text", unclosed.Line, unclosed.Column);
                }

                tokens.Add(new Token(TokenKind.End, i, 0, line, column));
                match.Add(-1);
                return new TokenList(text, tokens, match);
            }

            var ch = text[i];
            if (ch == '(')
            {
                open.Push(tokens.Count);
                tokens.Add(new Token(TokenKind.LeftParen, i, 1, line, column));
                match.Add(-1);
                i++;
            }
            else if (ch == ')')
            {
                if (open.Count == 0)
                {
                    throw new WatException("unexpected ')': no '(' is open", line, column);
                }

                var opener = open.Pop();
                match[opener] = tokens.Count;
                tokens.Add(new Token(TokenKind.RightParen, i, 1, line, column));
                match.Add(opener);
                i++;
            }
            else if (ch == '"')
            {
                var start = i;
                i = SkipString(text, i, line, lineStart);
                if (i < text.Length && (text[i] == '"' || IsIdChar(text[i])))
                {
                    throw new WatException("unexpected character right after a string: separate tokens with white space", line, i - lineStart + 1);
                }

                tokens.Add(new Token(TokenKind.String, start, i - start, line, column));
                match.Add(-1);
            }
            else if (IsIdChar(ch))
            {
                var start = i;
                while (i < text.Length && IsIdChar(text[i]))
                {
                    i++;
                }

                if (i < text.Length && text[i] == '"')
                {
                    throw new WatException($"unexpected '\"' right after '{text[start..i]}': separate tokens with white space", line, i - lineStart + 1);
                }

                var kind = ch switch
                {
                    >= 'a' and <= 'z' => TokenKind.Keyword,
                    '$' when i - start > 1 => TokenKind.Id,
                    >= '0' and <= '9' or '+' or '-' => TokenKind.Number,
                    _ => TokenKind.Reserved,
                };
                tokens.Add(new Token(kind, start, i - start, line, column));
                match.Add(-1);
            }
            else
            {
                throw new WatException($"unexpected character '{Printable(ch)}'", line, column);
            }
        }
    }

    /// <summary>Whether <paramref name="c"/> may appear in a keyword, id, number or reserved token.</summary>
    public static bool IsIdChar(char c) => c switch
    {
        >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' => true,
        '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '/' => true,
        ':' or '<' or '=' or '>' or '?' or '@' or '\\' or '^' or '_' or '`' or '|' or '~' => true,
        _ => false,
    };

    private static string Printable(char c) => c < 0x20 || c == 0x7f ? $"\\u{(int)c:x4}" : c.ToString();

    private static int SkipString(string text, int i, int line, int lineStart)
    {
        var start = i;
        i++;
        while (true)
        {
            if (i >= text.Length || text[i] == '\n')
            {
                throw new WatException("unterminated string", line, start - lineStart + 1);
            }

            var c = text[i];
            if (c == '"')
            {
                return i + 1;
            }

            if (c < 0x20 || c == 0x7f)
            {
                throw new WatException($"control character '{Printable(c)}' in a string: write it as an escape", line, i - lineStart + 1);
            }

            if (c != '\\')
            {
                i++;
                continue;
            }

            var escape = i;
            i++;
            if (i >= text.Length)
            {
                throw new WatException("unterminated string", line, start - lineStart + 1);
            }

            c = text[i];
            if (c is 't' or 'n' or 'r' or '"' or '\'' or '\\')
            {
                i++;
            }
            else if (c == 'u')
            {
                i++;
                if (i >= text.Length || text[i] != '{')
                {
                    throw new WatException("bad escape '\\u': expected '\\u{hex}'", line, escape - lineStart + 1);
                }

                i++;
                var digits = 0;
                long value = 0;
                var lastUnderscore = true;
                while (i < text.Length && (IsHex(text[i]) || text[i] == '_'))
                {
                    if (text[i] == '_')
                    {
                        if (lastUnderscore)
                        {
                            throw new WatException("bad escape '\\u': misplaced '_'", line, escape - lineStart + 1);
                        }

                        lastUnderscore = true;
                    }
                    else
                    {
                        value = value * 16 + HexValue(text[i]);
                        if (value > 0x10FFFF)
                        {
                            value = 0x110000;
                        }

                        digits++;
                        lastUnderscore = false;
                    }

                    i++;
                }

                if (digits == 0 || lastUnderscore || i >= text.Length || text[i] != '}')
                {
                    throw new WatException("bad escape '\\u': expected '\\u{hex}'", line, escape - lineStart + 1);
                }

                if (value > 0x10FFFF || value is >= 0xD800 and < 0xE000)
                {
                    throw new WatException("bad escape '\\u': not a Unicode scalar value", line, escape - lineStart + 1);
                }

                i++;
            }
            else if (IsHex(c) && i + 1 < text.Length && IsHex(text[i + 1]))
            {
                i += 2;
            }
            else
            {
                throw new WatException($"unknown escape '\\{Printable(c)}' in a string", line, escape - lineStart + 1);
            }
        }
    }

    /// <summary>Whether <paramref name="c"/> is a hexadecimal digit.</summary>
    public static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    /// <summary>The value of a hexadecimal digit.</summary>
    public static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}
