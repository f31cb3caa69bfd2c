using System;
using WasGo.Wasm.Text.Lexing;

namespace WasGo.Wasm.Tests.Text;

/// <summary>Token-level mutations of module text that keep it mostly well-formed: a form dropped or doubled, a token swapped.</summary>
internal static class TokenMutator
{
    private static readonly string[] s_numbers =
        ["0", "1", "-1", "0x10", "4294967295", "-2147483648", "1.5", "0x1p-3", "nan", "-inf", "nan:0x1", "1e10", "65536", "2"];

    private static readonly string[] s_words =
    [
        "i32.add", "drop", "nop", "block", "end", "else", "then", "local.get", "call", "br", "i64.const", "f32.const", "funcref",
        "externref", "func", "item", "declare", "i32", "f64", "mut", "param", "result", "type", "offset", "memory", "table", "elem",
        "data", "export", "import", "global",
    ];

    public static string Mutate(string source, Random random)
    {
        var tokens = Lexer.Tokenize(source);
        var i = random.Next(2, Math.Max(3, tokens.Count - 2));
        var t = tokens[i];
        var before = source[..t.Start];
        switch (random.Next(5))
        {
            case 0 when t.Kind == TokenKind.LeftParen:
                return before + source[(tokens[tokens.Close(i)].Start + 1)..];
            case 1 when t.Kind == TokenKind.LeftParen:
            {
                var end = tokens[tokens.Close(i)].Start + 1;
                var form = source[t.Start..end];
                return before + form + " " + form + source[end..];
            }

            case 2:
                return before + s_numbers[random.Next(s_numbers.Length)] + source[(t.Start + t.Length)..];
            case 3:
                return before + s_words[random.Next(s_words.Length)] + source[(t.Start + t.Length)..];
            default:
                return before + " " + s_words[random.Next(s_words.Length)] + " " + source[t.Start..];
        }
    }
}
