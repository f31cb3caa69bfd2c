namespace WasGo.Wasm.Text.Parsing;

/// <summary>What an open parenthesis of a folded instruction is waiting to finish.</summary>
internal enum FrameKind : byte
{
    /// <summary>A plain instruction, written after its operands.</summary>
    Plain,

    /// <summary>A folded <c>block</c> or <c>loop</c>: <c>end</c> on close.</summary>
    Block,

    /// <summary>A folded <c>if</c>: condition, then <c>(then ...)</c> and <c>(else ...)</c>.</summary>
    If,

    /// <summary>The <c>(then ...)</c> of a folded if.</summary>
    Then,

    /// <summary>The <c>(else ...)</c> of a folded if.</summary>
    Else,
}
