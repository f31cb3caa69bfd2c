using System.Runtime.InteropServices;

namespace WasGo.Wasm.Decoding;

/// <summary>
/// One decoded instruction: the opcode and up to two immediates. Their meaning depends on the opcode:
/// memory access: <see cref="A"/> = alignment exponent, <see cref="B"/> = offset;
/// block/loop/if: <see cref="A"/> = <see cref="BlockKind"/>, <see cref="B"/> = value kind or type index;
/// br_table: <see cref="A"/> = first target in <see cref="FunctionBody.BranchTargets"/>, <see cref="B"/> = count (default follows);
/// call_indirect: <see cref="A"/> = type index, <see cref="B"/> = table index; constants: <see cref="B"/> = raw bits;
/// everything else that has an index: <see cref="A"/> (and <see cref="B"/> for a second one).
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly struct Instruction(Opcode op, int a, long b, int offset)
{
    public Opcode Op { get; } = op;

    public int A { get; } = a;

    public long B { get; } = b;

    /// <summary>Byte offset of the opcode in the module, for error messages.</summary>
    public int Offset { get; } = offset;

    public override string ToString() => $"{Op} {A} {B} @{Offset}";
}
