using System;
using System.Collections.Generic;

namespace WasGo.Wasm.Text.Lexing;

/// <summary>The tokens of a text, with the matching <c>)</c> of every <c>(</c>.</summary>
internal sealed class TokenList
{
    private readonly List<Token> _tokens;
    private readonly List<int> _match;

    /// <summary>Creates a token list over <paramref name="text"/>.</summary>
    /// <param name="text">The source text.</param>
    /// <param name="tokens">The tokens, ending with an <see cref="TokenKind.End"/> token.</param>
    /// <param name="match">For each token, the index of the matching paren, or -1.</param>
    public TokenList(string text, List<Token> tokens, List<int> match)
    {
        Text = text;
        _tokens = tokens;
        _match = match;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>The number of tokens, the final <see cref="TokenKind.End"/> included.</summary>
    public int Count => _tokens.Count;

    /// <summary>The token at <paramref name="index"/>; past the end, the end token.</summary>
    public Token this[int index] => _tokens[Math.Min(index, _tokens.Count - 1)];

    /// <summary>The index of the <c>)</c> that closes the <c>(</c> at <paramref name="index"/>.</summary>
    public int Close(int index) => _match[index];

    /// <summary>The characters of a token.</summary>
    public ReadOnlySpan<char> Span(int index)
    {
        var token = this[index];
        return Text.AsSpan(token.Start, token.Length);
    }

    /// <summary>The characters of a token as a string.</summary>
    public string String(int index)
    {
        var token = this[index];
        return Text.Substring(token.Start, token.Length);
    }

    /// <summary>Whether the token at <paramref name="index"/> is the keyword <paramref name="keyword"/>.</summary>
    public bool IsKeyword(int index, string keyword)
    {
        var token = this[index];
        return token.Kind == TokenKind.Keyword && Text.AsSpan(token.Start, token.Length).SequenceEqual(keyword);
    }

    /// <summary>Whether <paramref name="index"/> opens a form whose head is the keyword <paramref name="keyword"/>.</summary>
    public bool IsForm(int index, string keyword) =>
        this[index].Kind == TokenKind.LeftParen && IsKeyword(index + 1, keyword);
}
