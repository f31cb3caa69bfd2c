using System.Reflection.Emit;
using WasGo.Wasm.Decoding;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm.Compilation;

/// <summary>Emission of direct, imported and indirect calls.</summary>
internal sealed partial class FunctionCompiler
{
    private void EmitCall(int function)
    {
        var callee = _module.FunctionType(function);
        if (function >= _module.ImportedFunctionCount)
        {
            _il.Emit(OpCodes.Ldarg_0);
            EmitArguments(callee);
            EmitFuelWriteBack();
            _il.Emit(OpCodes.Call, _methods[function - _module.ImportedFunctionCount]);
            EmitFuelReload();
            StoreResults(callee);
            return;
        }

        LoadFunctionInstance(function);
        EmitCallThrough(callee);
    }

    private void EmitCallIndirect(Instruction ins)
    {
        var callee = _module.Types[ins.A];
        LoadTable((int)ins.B);
        Load(1);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, RuntimeMembers.TypeIds);
        EmitInt(ins.A);
        _il.Emit(OpCodes.Ldelem_I4);
        _il.Emit(OpCodes.Call, RuntimeMembers.ResolveIndirect);
        EmitCallThrough(callee);
    }

    /// <summary>Calls the <see cref="FunctionInstance"/> on the CIL stack through its code pointer.</summary>
    private void EmitCallThrough(FunctionType callee)
    {
        _calleeTemp ??= _il.DeclareLocal(typeof(FunctionInstance));
        _il.Emit(OpCodes.Stloc, _calleeTemp);
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Call, RuntimeMembers.EnterCall);
        _il.Emit(OpCodes.Ldloc, _calleeTemp);
        _il.Emit(OpCodes.Ldfld, RuntimeMembers.FunctionContext);
        EmitArguments(callee);
        _il.Emit(OpCodes.Ldloc, _calleeTemp);
        _il.Emit(OpCodes.Ldfld, RuntimeMembers.FunctionCode);
        EmitFuelWriteBack();
        CallingConvention.EmitCalli(_il, callee);
        EmitFuelReload();
        StoreResults(callee);
    }

    /// <summary>Pushes depth + 1, the arguments, and the addresses of result temporaries for multi-value.</summary>
    private void EmitArguments(FunctionType callee)
    {
        _il.Emit(OpCodes.Ldarg_1);
        _il.Emit(OpCodes.Ldc_I4_1);
        _il.Emit(OpCodes.Add);
        Load(callee.ParameterArray.Length);
        if (CallingConvention.ReturnsByReference(callee))
        {
            var results = callee.ResultArray;
            for (var i = 0; i < results.Length; i++)
            {
                _il.Emit(OpCodes.Ldloca, ResultTemp(i, results[i]));
            }
        }
    }

    private void StoreResults(FunctionType callee)
    {
        var results = callee.ResultArray;
        if (results.Length == 1)
        {
            Push(results[0]);
        }
        else if (results.Length > 1)
        {
            for (var i = 0; i < results.Length; i++)
            {
                _il.Emit(OpCodes.Ldloc, ResultTemp(i, results[i]));
                Push(results[i]);
            }
        }

        // The callee may have grown the memory.
        ReloadMemoryLength();
    }

    private LocalBuilder ResultTemp(int index, ValueKind kind)
    {
        if (!_resultTemps.TryGetValue((index, kind), out var local))
        {
            local = _il.DeclareLocal(CallingConvention.ClrType(kind));
            _resultTemps[(index, kind)] = local;
        }

        return local;
    }
}
