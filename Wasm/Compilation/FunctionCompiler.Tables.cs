using System.Reflection.Emit;

namespace WasGo.Wasm.Compilation;

/// <summary>Emission of tables and references.</summary>
internal sealed partial class FunctionCompiler
{
    private void LoadTable(int index)
    {
        if (_tableLocals.TryGetValue(index, out var table))
        {
            _il.Emit(OpCodes.Ldloc, table);
            return;
        }

        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, RuntimeMembers.Tables);
        EmitInt(index);
        _il.Emit(OpCodes.Ldelem_Ref);
    }

    private void LoadFunctionInstance(int index)
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, RuntimeMembers.Functions);
        EmitInt(index);
        _il.Emit(OpCodes.Ldelem_Ref);
    }
}
