namespace WasGo.Wasm.Text.Lexing;

/// <summary>One token: its class and where it is in the text.</summary>
/// <param name="Kind">The lexical class.</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Length in characters (quotes included for strings).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, int Line, int Column);
