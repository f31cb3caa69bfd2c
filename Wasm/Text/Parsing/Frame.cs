namespace WasGo.Wasm.Text.Parsing;

/// <summary>An open folded instruction on the explicit parse stack.</summary>
internal struct Frame
{
    /// <summary>What the frame finishes with.</summary>
    public FrameKind Kind;

    /// <summary>The token index of its closing parenthesis.</summary>
    public int Close;

    /// <summary>The label stack depth when the frame opened.</summary>
    public int LabelBase;

    /// <summary>The pending plain instruction.</summary>
    public Instruction Instruction;

    /// <summary>A folded if's block type.</summary>
    public TypeUse? BlockType;

    /// <summary>A folded if's label.</summary>
    public string? Label;

    /// <summary>A folded if's progress.</summary>
    public IfState State;

    /// <summary>For an else-branch: the output length right after the else opcode.</summary>
    public int ElseEnd;
}
