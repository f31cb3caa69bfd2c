using WasGo.Wasm.Decoding;

namespace WasGo.Wasm.Compilation;

/// <summary>
/// What determinism mode needs to know of each instruction. A float result is "tainted" when the
/// processor chose its NaN bits (x64 makes 0xFFC00000 for 0/0, ARM 0x7FC00000; payloads propagate
/// differently). Eager canonicalisation after every such operation is exact but costs a compare and
/// a branch per float operation, so the compiler canonicalises a tainted value only when something
/// could observe its bits. Arithmetic, comparisons and conversions to integers cannot: a NaN in gives
/// a NaN (itself tainted) or a result that does not depend on the bits. Everything else can.
/// </summary>
internal static class NaNTaint
{
    /// <summary>Whether the processor chooses the NaN bits of this operation's result.</summary>
    public static bool ProducesProcessorNaN(Opcode op) =>
        op is (>= Opcode.F32Ceil and <= Opcode.F32Max) or Opcode.F32DemoteF64
            or (>= Opcode.F64Ceil and <= Opcode.F64Max) or Opcode.F64PromoteF32;

    /// <summary>
    /// Whether this instruction may observe NaN bits of values on the stack (stores, locals, calls,
    /// branches, bit operations, reinterpretations…): tainted values must be canonical before it runs.
    /// </summary>
    public static bool Observes(Opcode op) =>
        op switch
        {
            Opcode.F32Abs or Opcode.F32Neg or Opcode.F32Copysign
                or Opcode.F64Abs or Opcode.F64Neg or Opcode.F64Copysign
                or Opcode.I32ReinterpretF32 or Opcode.I64ReinterpretF64 => true,
            Opcode.LocalGet or Opcode.GlobalGet or Opcode.Drop or Opcode.Nop
                or Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const => false,
            _ => !OpcodeInfo.IsLoad(op) && !OpcodeInfo.TryNumeric(op, out _, out _, out _),
        };
}
