namespace WasGo.Wasm.Decoding;

/// <summary>Static facts about opcodes: operand and result types of numeric instructions, memory access widths.</summary>
internal static class OpcodeInfo
{
    /// <summary>The value type a load produces or a store consumes, and the access width in bytes.</summary>
    public static (ValueKind Kind, int Size) MemoryAccess(Opcode op) => op switch
    {
        Opcode.I32Load or Opcode.I32Store => (ValueKind.Int32, 4),
        Opcode.I64Load or Opcode.I64Store => (ValueKind.Int64, 8),
        Opcode.F32Load or Opcode.F32Store => (ValueKind.Float32, 4),
        Opcode.F64Load or Opcode.F64Store => (ValueKind.Float64, 8),
        Opcode.I32Load8S or Opcode.I32Load8U or Opcode.I32Store8 => (ValueKind.Int32, 1),
        Opcode.I32Load16S or Opcode.I32Load16U or Opcode.I32Store16 => (ValueKind.Int32, 2),
        Opcode.I64Load8S or Opcode.I64Load8U or Opcode.I64Store8 => (ValueKind.Int64, 1),
        Opcode.I64Load16S or Opcode.I64Load16U or Opcode.I64Store16 => (ValueKind.Int64, 2),
        _ => (ValueKind.Int64, 4),
    };

    public static bool IsLoad(Opcode op) => op is >= Opcode.I32Load and <= Opcode.I64Load32U;

    public static bool IsStore(Opcode op) => op is >= Opcode.I32Store and <= Opcode.I64Store32;

    /// <summary>
    /// The signature of a numeric instruction (constants excluded): one or two operands of the same
    /// type, one result. Returns false for anything that is not numeric.
    /// </summary>
    public static bool TryNumeric(Opcode op, out ValueKind operand, out int arity, out ValueKind result)
    {
        const ValueKind I32 = ValueKind.Int32, I64 = ValueKind.Int64, F32 = ValueKind.Float32, F64 = ValueKind.Float64;
        (operand, arity, result) = op switch
        {
            Opcode.I32Eqz => (I32, 1, I32),
            >= Opcode.I32Eq and <= Opcode.I32GeU => (I32, 2, I32),
            Opcode.I64Eqz => (I64, 1, I32),
            >= Opcode.I64Eq and <= Opcode.I64GeU => (I64, 2, I32),
            >= Opcode.F32Eq and <= Opcode.F32Ge => (F32, 2, I32),
            >= Opcode.F64Eq and <= Opcode.F64Ge => (F64, 2, I32),
            >= Opcode.I32Clz and <= Opcode.I32Popcnt => (I32, 1, I32),
            >= Opcode.I32Add and <= Opcode.I32Rotr => (I32, 2, I32),
            >= Opcode.I64Clz and <= Opcode.I64Popcnt => (I64, 1, I64),
            >= Opcode.I64Add and <= Opcode.I64Rotr => (I64, 2, I64),
            >= Opcode.F32Abs and <= Opcode.F32Sqrt => (F32, 1, F32),
            >= Opcode.F32Add and <= Opcode.F32Copysign => (F32, 2, F32),
            >= Opcode.F64Abs and <= Opcode.F64Sqrt => (F64, 1, F64),
            >= Opcode.F64Add and <= Opcode.F64Copysign => (F64, 2, F64),
            Opcode.I32WrapI64 => (I64, 1, I32),
            Opcode.I32TruncF32S or Opcode.I32TruncF32U => (F32, 1, I32),
            Opcode.I32TruncF64S or Opcode.I32TruncF64U => (F64, 1, I32),
            Opcode.I64ExtendI32S or Opcode.I64ExtendI32U => (I32, 1, I64),
            Opcode.I64TruncF32S or Opcode.I64TruncF32U => (F32, 1, I64),
            Opcode.I64TruncF64S or Opcode.I64TruncF64U => (F64, 1, I64),
            Opcode.F32ConvertI32S or Opcode.F32ConvertI32U => (I32, 1, F32),
            Opcode.F32ConvertI64S or Opcode.F32ConvertI64U => (I64, 1, F32),
            Opcode.F32DemoteF64 => (F64, 1, F32),
            Opcode.F64ConvertI32S or Opcode.F64ConvertI32U => (I32, 1, F64),
            Opcode.F64ConvertI64S or Opcode.F64ConvertI64U => (I64, 1, F64),
            Opcode.F64PromoteF32 => (F32, 1, F64),
            Opcode.I32ReinterpretF32 => (F32, 1, I32),
            Opcode.I64ReinterpretF64 => (F64, 1, I64),
            Opcode.F32ReinterpretI32 => (I32, 1, F32),
            Opcode.F64ReinterpretI64 => (I64, 1, F64),
            Opcode.I32Extend8S or Opcode.I32Extend16S => (I32, 1, I32),
            Opcode.I64Extend8S or Opcode.I64Extend16S or Opcode.I64Extend32S => (I64, 1, I64),
            Opcode.I32TruncSatF32S or Opcode.I32TruncSatF32U => (F32, 1, I32),
            Opcode.I32TruncSatF64S or Opcode.I32TruncSatF64U => (F64, 1, I32),
            Opcode.I64TruncSatF32S or Opcode.I64TruncSatF32U => (F32, 1, I64),
            Opcode.I64TruncSatF64S or Opcode.I64TruncSatF64U => (F64, 1, I64),
            _ => (I32, 0, I32),
        };
        return arity != 0;
    }
}
