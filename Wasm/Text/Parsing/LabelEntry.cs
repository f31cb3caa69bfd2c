namespace WasGo.Wasm.Text.Parsing;

/// <summary>One enclosing block for label resolution.</summary>
/// <param name="Name">Its <c>$label</c>, if any.</param>
/// <param name="FlatIf">A flat <c>if</c> that has not seen its <c>else</c> yet.</param>
/// <param name="ElseEnd">For a flat if after its <c>else</c>: the output length right after the else opcode, else -1.</param>
internal readonly record struct LabelEntry(string? Name, bool FlatIf, int ElseEnd);
