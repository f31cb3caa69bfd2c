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

    private void EmitMemoryAccess(Instruction ins, int index)
    {
        if (_groupedLoads.TryGetValue(index, out var grouped))
        {
            EmitGroupedLoad(ins, grouped);
            return;
        }

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

    /// <summary>A load of a group planned by <see cref="BoundsCheckPlan"/>: the first checks the whole group's range.</summary>
    private void EmitGroupedLoad(Instruction ins, BoundsCheckPlan.GroupedLoad grouped)
    {
        if (grouped.Members is { } members)
        {
            // Fast: the whole range from the lowest address fits (then no member's address wrapped).
            var fits = _il.DefineLabel();
            EmitGroupAddress(grouped.Local, grouped.MinConstant);
            _il.Emit(OpCodes.Conv_U8);
            _il.Emit(OpCodes.Ldc_I8, grouped.Span);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldloc, _memoryLength!);
            _il.Emit(OpCodes.Ble_Un, fits);

            // Otherwise: each member exactly as the original code would check it.
            foreach (var member in members)
            {
                _il.Emit(OpCodes.Ldloc, _memoryLength!);
                EmitGroupAddress(grouped.Local, member.Constant);
                _il.Emit(OpCodes.Ldc_I8, member.End);
                _il.Emit(OpCodes.Call, RuntimeMembers.CheckRange);
            }

            _il.MarkLabel(fits);
        }

        var (type, widen) = ins.Op switch
        {
            Opcode.I32Load => (typeof(int), null),
            Opcode.I64Load => (typeof(long), null),
            Opcode.F32Load => (typeof(float), null),
            Opcode.F64Load => (typeof(double), null),
            Opcode.I32Load8S => (typeof(sbyte), null),
            Opcode.I32Load8U => (typeof(byte), null),
            Opcode.I32Load16S => (typeof(short), null),
            Opcode.I32Load16U => (typeof(ushort), null),
            Opcode.I64Load8S => (typeof(sbyte), OpCodes.Conv_I8),
            Opcode.I64Load8U => (typeof(byte), OpCodes.Conv_U8),
            Opcode.I64Load16S => (typeof(short), OpCodes.Conv_I8),
            Opcode.I64Load16U => (typeof(ushort), OpCodes.Conv_U8),
            Opcode.I64Load32S => (typeof(int), OpCodes.Conv_I8),
            _ => (typeof(uint), (OpCode?)OpCodes.Conv_U8),
        };
        _il.Emit(OpCodes.Ldloc, _memoryBase!);
        Load(1);
        _il.Emit(OpCodes.Ldc_I8, ins.B);
        _il.Emit(OpCodes.Call, RuntimeMembers.LoadCovered(type));
        if (widen is { } conversion)
        {
            _il.Emit(conversion);
        }

        Push(OpcodeInfo.MemoryAccess(ins.Op).Kind);
    }

    private void EmitGroupAddress(int local, int constant)
    {
        LoadLocal(local);
        if (constant != 0)
        {
            EmitInt(constant);
            _il.Emit(OpCodes.Add);
        }
    }
}
