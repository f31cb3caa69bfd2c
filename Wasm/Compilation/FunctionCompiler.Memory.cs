using System.Reflection.Emit;
using WasGo.Wasm.Decoding;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm.Compilation;

/// <summary>Emission of loads, stores and memory instructions.</summary>
internal sealed partial class FunctionCompiler
{
    private void LoadMemory()
    {
        if (_memoryLocal is not null)
        {
            _il.Emit(OpCodes.Ldloc, _memoryLocal);
            return;
        }

        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Ldfld, RuntimeMembers.Memory);
    }

    /// <summary>Reads the memory's current length into its local (at entry, after calls and memory.grow).</summary>
    private void ReloadMemoryLength()
    {
        if (_memoryLength is null)
        {
            return;
        }

        _il.Emit(OpCodes.Ldloc, _memoryLocal!);
        _il.Emit(OpCodes.Ldfld, RuntimeMembers.MemoryLength);
        _il.Emit(OpCodes.Stloc, _memoryLength);
    }

    private void EmitMemoryAccess(Instruction ins)
    {
        _il.Emit(OpCodes.Ldloc, _memoryBase!);
        _il.Emit(OpCodes.Ldloc, _memoryLength!);
        var isStore = OpcodeInfo.IsStore(ins.Op);
        Load(isStore ? 2 : 1);
        _il.Emit(OpCodes.Ldc_I8, ins.B);
        CallHelper(typeof(MemoryOps), ins.Op);
        if (!isStore)
        {
            Push(OpcodeInfo.MemoryAccess(ins.Op).Kind);
        }
    }
}
