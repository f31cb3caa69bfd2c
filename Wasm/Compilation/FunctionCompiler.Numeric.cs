using System;
using System.Reflection.Emit;
using WasGo.Wasm.Decoding;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm.Compilation;

/// <summary>Emission of numeric instructions.</summary>
internal sealed partial class FunctionCompiler
{
    private void EmitNumeric(Opcode op)
    {
        switch (op)
        {
            case Opcode.I32Eqz:
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Ceq);
                break;
            case Opcode.I64Eqz:
                _il.Emit(OpCodes.Ldc_I8, 0L);
                _il.Emit(OpCodes.Ceq);
                break;
            case Opcode.I32Eq or Opcode.I64Eq or Opcode.F32Eq or Opcode.F64Eq:
                _il.Emit(OpCodes.Ceq);
                break;
            case Opcode.I32Ne or Opcode.I64Ne or Opcode.F32Ne or Opcode.F64Ne:
                Negate(OpCodes.Ceq);
                break;
            case Opcode.I32LtS or Opcode.I64LtS or Opcode.F32Lt or Opcode.F64Lt:
                _il.Emit(OpCodes.Clt);
                break;
            case Opcode.I32LtU or Opcode.I64LtU:
                _il.Emit(OpCodes.Clt_Un);
                break;
            case Opcode.I32GtS or Opcode.I64GtS or Opcode.F32Gt or Opcode.F64Gt:
                _il.Emit(OpCodes.Cgt);
                break;
            case Opcode.I32GtU or Opcode.I64GtU:
                _il.Emit(OpCodes.Cgt_Un);
                break;
            case Opcode.I32LeS or Opcode.I64LeS:
                Negate(OpCodes.Cgt);
                break;
            case Opcode.I32LeU or Opcode.I64LeU or Opcode.F32Le or Opcode.F64Le:
                Negate(OpCodes.Cgt_Un);
                break;
            case Opcode.I32GeS or Opcode.I64GeS:
                Negate(OpCodes.Clt);
                break;
            case Opcode.I32GeU or Opcode.I64GeU or Opcode.F32Ge or Opcode.F64Ge:
                Negate(OpCodes.Clt_Un);
                break;
            case Opcode.I32Add or Opcode.I64Add or Opcode.F32Add or Opcode.F64Add:
                _il.Emit(OpCodes.Add);
                break;
            case Opcode.I32Sub or Opcode.I64Sub or Opcode.F32Sub or Opcode.F64Sub:
                _il.Emit(OpCodes.Sub);
                break;
            case Opcode.I32Mul or Opcode.I64Mul or Opcode.F32Mul or Opcode.F64Mul:
                _il.Emit(OpCodes.Mul);
                break;
            case Opcode.F32Div or Opcode.F64Div:
                _il.Emit(OpCodes.Div);
                break;
            case Opcode.I32And or Opcode.I64And:
                _il.Emit(OpCodes.And);
                break;
            case Opcode.I32Or or Opcode.I64Or:
                _il.Emit(OpCodes.Or);
                break;
            case Opcode.I32Xor or Opcode.I64Xor:
                _il.Emit(OpCodes.Xor);
                break;
            case Opcode.I32WrapI64:
                _il.Emit(OpCodes.Conv_I4);
                break;
            case Opcode.I64ExtendI32S:
                _il.Emit(OpCodes.Conv_I8);
                break;
            case Opcode.I64ExtendI32U:
                _il.Emit(OpCodes.Conv_U8);
                break;
            case Opcode.F32DemoteF64 or Opcode.F32ConvertI32S:
                _il.Emit(OpCodes.Conv_R4);
                break;
            case Opcode.F64ConvertI32S or Opcode.F64ConvertI64S:
                _il.Emit(OpCodes.Conv_R8);
                break;
            default:
                CallHelper(typeof(NumericOps), op);
                break;
        }
    }

    /// <summary>Replaces the NaNs of tainted stack slots by the canonical NaN, in place.</summary>
    private void CanonicalizeTaintedSlots()
    {
        foreach (var height in _taintedSlots!)
        {
            if (height < _stack.Count && !_unreachable)
            {
                var kind = _stack[height];
                var slot = Slot(height, kind);
                _il.Emit(OpCodes.Ldloc, slot);
                _il.Emit(OpCodes.Call, RuntimeMembers.Method(typeof(NumericOps), kind == ValueKind.Float32 ? nameof(NumericOps.F32Canonical) : nameof(NumericOps.F64Canonical)));
                _il.Emit(OpCodes.Stloc, slot);
            }
        }

        _taintedSlots.Clear();
    }

    /// <summary>
    /// Emits an f32 constant. NaNs and the identities of add/sub/mul/div (±0, ±1) are loaded so that the
    /// JIT cannot fold them: its folding quiets signaling NaNs or drops the quieting wasm requires.
    /// </summary>
    private void EmitF32Constant(int bits)
    {
        var field = bits switch
        {
            0 => nameof(ModuleInstance.F32Zero),
            unchecked((int)0x80000000) => nameof(ModuleInstance.F32NegativeZero),
            0x3F800000 => nameof(ModuleInstance.F32One),
            unchecked((int)0xBF800000) => nameof(ModuleInstance.F32NegativeOne),
            _ => null,
        };
        if (field is not null)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldfld, typeof(ModuleInstance).GetField(field)!);
        }
        else if (float.IsNaN(BitConverter.Int32BitsToSingle(bits)))
        {
            EmitInt(bits);
            _il.Emit(OpCodes.Call, RuntimeMembers.Method(typeof(NumericOps), nameof(NumericOps.F32Opaque)));
        }
        else
        {
            EmitInt(bits);
            _il.Emit(OpCodes.Call, RuntimeMembers.Int32BitsToSingle);
        }
    }

    private void EmitF64Constant(long bits)
    {
        var field = bits switch
        {
            0 => nameof(ModuleInstance.F64Zero),
            long.MinValue => nameof(ModuleInstance.F64NegativeZero),
            0x3FF0000000000000 => nameof(ModuleInstance.F64One),
            unchecked((long)0xBFF0000000000000) => nameof(ModuleInstance.F64NegativeOne),
            _ => null,
        };
        if (field is not null)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldfld, typeof(ModuleInstance).GetField(field)!);
        }
        else if (double.IsNaN(BitConverter.Int64BitsToDouble(bits)))
        {
            _il.Emit(OpCodes.Ldc_I8, bits);
            _il.Emit(OpCodes.Call, RuntimeMembers.Method(typeof(NumericOps), nameof(NumericOps.F64Opaque)));
        }
        else
        {
            _il.Emit(OpCodes.Ldc_I8, bits);
            _il.Emit(OpCodes.Call, RuntimeMembers.Int64BitsToDouble);
        }
    }

    /// <summary>Emits a comparison and inverts it (for ne, le, ge; unordered forms keep NaN semantics).</summary>
    private void Negate(OpCode comparison)
    {
        _il.Emit(comparison);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Ceq);
    }

    private void CallHelper(Type helpers, Opcode op) => _il.Emit(OpCodes.Call, HelperCache.Get(helpers, op));
}
