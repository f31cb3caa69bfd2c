namespace WasGo.Wasm.Decoding;

/// <summary>The decoded code of one function.</summary>
internal sealed class FunctionBody(ValueKind[] locals, Instruction[] code, int[] branchTargets, int offset)
{
    /// <summary>Declared locals after the parameters.</summary>
    public ValueKind[] Locals { get; } = locals;

    /// <summary>The instructions, ending with the function's final <c>end</c>.</summary>
    public Instruction[] Code { get; } = code;

    /// <summary>The label lists of all br_table instructions, concatenated.</summary>
    public int[] BranchTargets { get; } = branchTargets;

    /// <summary>Byte offset of the body in the module.</summary>
    public int Offset { get; } = offset;
}
