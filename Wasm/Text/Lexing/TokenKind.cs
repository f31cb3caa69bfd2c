namespace WasGo.Wasm.Text.Lexing;

/// <summary>The lexical class of a token.</summary>
internal enum TokenKind : byte
{
    /// <summary><c>(</c>.</summary>
    LeftParen,

    /// <summary><c>)</c>.</summary>
    RightParen,

    /// <summary>A keyword: idchars starting with a lower-case letter (<c>i32.add</c>, <c>offset=4</c>).</summary>
    Keyword,

    /// <summary>An identifier: <c>$</c> followed by idchars.</summary>
    Id,

    /// <summary>Idchars starting with a digit or a sign: a number, checked when it is used.</summary>
    Number,

    /// <summary>A quoted string, escapes checked by the lexer and decoded on use.</summary>
    String,

    /// <summary>Any other run of idchars.</summary>
    Reserved,

    /// <summary>The end of the text.</summary>
    End,
}
