using System;
using System.Reflection.Emit;

namespace WasGo.Wasm.Compilation;

/// <summary>Emission of locals, globals and select.</summary>
internal sealed partial class FunctionCompiler
{
    private void LoadLocal(int index)
    {
        if (index < _parameterCount)
        {
            _il.Emit(OpCodes.Ldarg, (short)(index + 2));
        }
        else
        {
            _il.Emit(OpCodes.Ldloc, _locals[index - _parameterCount]);
        }
    }

    private void StoreLocal(int index)
    {
        if (index < _parameterCount)
        {
            _il.Emit(OpCodes.Starg, (short)(index + 2));
        }
        else
        {
            _il.Emit(OpCodes.Stloc, _locals[index - _parameterCount]);
        }
    }

    private void LoadGlobalCell(int index)
    {
        if (_globalCells.TryGetValue(index, out var cell))
        {
            _il.Emit(OpCodes.Ldloc, cell);
            return;
        }

        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, RuntimeMembers.Globals);
        EmitInt(index);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    private void EmitGlobalGet(int index)
    {
        var kind = _module.Globals[index].Type.Kind;
        LoadGlobalCell(index);
        switch (kind)
        {
            case ValueKind.Int32:
                _il.Emit(OpCodes.Ldfld, RuntimeMembers.GlobalBits);
                _il.Emit(OpCodes.Conv_I4);
                break;
            case ValueKind.Int64:
                _il.Emit(OpCodes.Ldfld, RuntimeMembers.GlobalBits);
                break;
            case ValueKind.Float32:
                _il.Emit(OpCodes.Ldfld, RuntimeMembers.GlobalBits);
                _il.Emit(OpCodes.Conv_I4);
                _il.Emit(OpCodes.Call, RuntimeMembers.Int32BitsToSingle);
                break;
            case ValueKind.Float64:
                _il.Emit(OpCodes.Ldfld, RuntimeMembers.GlobalBits);
                _il.Emit(OpCodes.Call, RuntimeMembers.Int64BitsToDouble);
                break;
            default:
                _il.Emit(OpCodes.Ldfld, RuntimeMembers.GlobalReference);
                break;
        }

        Push(kind);
    }

    private void EmitGlobalSet(int index)
    {
        var kind = _module.Globals[index].Type.Kind;
        LoadGlobalCell(index);
        Load(1);
        switch (kind)
        {
            case ValueKind.Int32:
                _il.Emit(OpCodes.Conv_I8);
                _il.Emit(OpCodes.Stfld, RuntimeMembers.GlobalBits);
                break;
            case ValueKind.Int64:
                _il.Emit(OpCodes.Stfld, RuntimeMembers.GlobalBits);
                break;
            case ValueKind.Float32:
                _il.Emit(OpCodes.Call, RuntimeMembers.SingleToInt32Bits);
                _il.Emit(OpCodes.Conv_I8);
                _il.Emit(OpCodes.Stfld, RuntimeMembers.GlobalBits);
                break;
            case ValueKind.Float64:
                _il.Emit(OpCodes.Call, RuntimeMembers.DoubleToInt64Bits);
                _il.Emit(OpCodes.Stfld, RuntimeMembers.GlobalBits);
                break;
            default:
                _il.Emit(OpCodes.Stfld, RuntimeMembers.GlobalReference);
                break;
        }
    }

    private void EmitSelect(ValueKind kind)
    {
        // [a, b, condition]: a stays in its slot when the condition is true, otherwise b replaces it.
        var top = _stack.Count;
        var keep = _il.DefineLabel();
        LoadSlot(top - 1);
        _il.Emit(OpCodes.Brtrue, keep);
        LoadSlot(top - 2);
        _il.Emit(OpCodes.Stloc, Slot(top - 3, kind));
        _il.MarkLabel(keep);
        _stack.RemoveRange(top - 2, 2);
    }
}
