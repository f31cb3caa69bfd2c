using System.Collections.Generic;
using WasGo.Wasm.Text.Binary;
using WasGo.Wasm.Text.Lexing;

namespace WasGo.Wasm.Text.Script;

/// <summary>Reads a .wast script into its commands, with the modules they define or check.</summary>
internal static class WastScript
{
    /// <summary>Splits <paramref name="text"/> into its top-level commands.</summary>
    /// <exception cref="WatException">The script is not a sequence of balanced forms.</exception>
    public static List<WastCommand> Read(string text)
    {
        var tokens = Lexer.Tokenize(text);
        var commands = new List<WastCommand>();
        for (var p = 0; p < tokens.Count - 1; p = tokens.Close(p) + 1)
        {
            var token = tokens[p];
            if (token.Kind != TokenKind.LeftParen || tokens[p + 1].Kind != TokenKind.Keyword)
            {
                throw new WatException("expected a script command such as '(module ...)' or '(assert_return ...)'", token.Line, token.Column);
            }

            var name = tokens.String(p + 1);
            WastModule? module = null;
            string? message = null;
            if (name == "module")
            {
                module = ModuleAt(tokens, p);
            }
            else if (tokens.IsForm(p + 2, "module"))
            {
                module = ModuleAt(tokens, p + 2);
                var after = tokens.Close(p + 2) + 1;
                if (tokens[after].Kind == TokenKind.String)
                {
                    var buffer = new ByteBuffer();
                    StringLiteral.Decode(tokens.Span(after), buffer);
                    message = System.Text.Encoding.UTF8.GetString(buffer.Span);
                }
            }

            commands.Add(new WastCommand(name, token.Line, module, message));
        }

        return commands;
    }

    private static WastModule ModuleAt(TokenList tokens, int open)
    {
        var q = open + 2;
        if (tokens[q].Kind == TokenKind.Id)
        {
            q++;
        }

        var kind = tokens.IsKeyword(q, "binary") ? WastModuleKind.Binary
            : tokens.IsKeyword(q, "quote") ? WastModuleKind.Quote
            : WastModuleKind.Text;
        var start = tokens[open];
        var end = tokens[tokens.Close(open)];
        return new WastModule(kind, tokens.Text.Substring(start.Start, end.Start + 1 - start.Start), start.Line, start.Column);
    }
}
