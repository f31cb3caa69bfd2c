using System.Reflection.Emit;
using WasGo.Wasm.Decoding;

namespace WasGo.Wasm.Compilation;

/// <summary>A block being compiled: where its values live (stack slots from <see cref="Height"/>) and its labels.</summary>
internal sealed class ControlBlock
{
    public required Opcode Kind { get; init; }

    /// <summary>Stack height below the block's parameters.</summary>
    public required int Height { get; init; }

    public required ValueKind[] Parameters { get; init; }

    public required ValueKind[] Results { get; init; }

    /// <summary>Branch target: the loop header for a loop, the end otherwise.</summary>
    public required Label Label { get; init; }

    /// <summary>For an if: where the false branch starts.</summary>
    public Label ElseLabel { get; init; }

    public bool HasElse { get; set; }

    /// <summary>For an if with parameters: copies of them for the else branch.</summary>
    public LocalBuilder[]? SavedParameters { get; set; }

    public ValueKind[] LabelTypes => Kind == Opcode.Loop ? Parameters : Results;
}
