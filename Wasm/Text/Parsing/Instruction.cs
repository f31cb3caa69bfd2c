using System.Collections.Generic;

namespace WasGo.Wasm.Text.Parsing;

/// <summary>A parsed instruction with its immediates, written once its folded operands are.</summary>
internal struct Instruction
{
    /// <summary>The table row.</summary>
    public InstructionInfo Info;

    /// <summary>The first immediate (index, alignment, integer value, float bits).</summary>
    public long A;

    /// <summary>The second immediate (offset, second index).</summary>
    public long B;

    /// <summary>br_table targets, the default last.</summary>
    public List<long>? Targets;

    /// <summary>Typed select's result types.</summary>
    public List<byte>? Types;

    /// <summary>call_indirect's type use.</summary>
    public TypeUse? Use;
}
