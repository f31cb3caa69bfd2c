using System.Collections.Generic;
using System.Reflection.Emit;
using WasGo.Wasm.Decoding;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm.Compilation;

/// <summary>Emission of blocks, branches and returns.</summary>
internal sealed partial class FunctionCompiler
{
    private ControlBlock Target(int depth) => _blocks[_blocks.Count - 1 - depth];

    private (ValueKind[] Parameters, ValueKind[] Results) BlockType(Instruction ins) => (BlockKind)ins.A switch
    {
        BlockKind.Empty => (s_none, s_none),
        BlockKind.Value => (s_none, [(ValueKind)ins.B]),
        _ => (_module.Types[(int)ins.B].ParameterArray, _module.Types[(int)ins.B].ResultArray),
    };

    private void EnterBlock(Instruction ins)
    {
        var (parameters, results) = BlockType(ins);
        if (ins.Op == Opcode.If)
        {
            var elseLabel = _il.DefineLabel();
            Load(1);
            var block = new ControlBlock
            {
                Kind = Opcode.If, Height = _stack.Count - parameters.Length, Parameters = parameters, Results = results,
                Label = _il.DefineLabel(), ElseLabel = elseLabel,
            };
            if (parameters.Length > 0)
            {
                // The then branch overwrites the parameter slots; keep copies for the else branch.
                var saved = new LocalBuilder[parameters.Length];
                var condition = _il.DeclareLocal(typeof(int));
                _il.Emit(OpCodes.Stloc, condition);
                for (var p = 0; p < parameters.Length; p++)
                {
                    saved[p] = _il.DeclareLocal(CallingConvention.ClrType(parameters[p]));
                    LoadSlot(block.Height + p);
                    _il.Emit(OpCodes.Stloc, saved[p]);
                }

                block.SavedParameters = saved;
                _il.Emit(OpCodes.Ldloc, condition);
            }

            _il.Emit(OpCodes.Brfalse, elseLabel);
            _blocks.Add(block);
            return;
        }

        var label = _il.DefineLabel();
        if (ins.Op == Opcode.Loop)
        {
            _il.MarkLabel(label);
            EmitInterruptCheck();
            EmitFuelCheck();
        }

        _blocks.Add(new ControlBlock
        {
            Kind = ins.Op, Height = _stack.Count - parameters.Length, Parameters = parameters, Results = results, Label = label,
        });
    }

    /// <summary>Polls the store's interrupt flag (its holder is cached in a local at entry).</summary>
    private void EmitInterruptCheck()
    {
        if (_interruptLocal is null)
        {
            _interruptLocal = _il.DeclareLocal(typeof(InterruptRequest));
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldfld, RuntimeMembers.Interrupt);
            _il.Emit(OpCodes.Stloc, _interruptLocal);
        }

        _il.Emit(OpCodes.Ldloc, _interruptLocal);
        _il.Emit(OpCodes.Call, RuntimeMembers.CheckInterrupt);
    }

    /// <summary>
    /// At function entry and loop headers, when the engine consumes fuel: trap once it ran out. The
    /// count lives in a local (a register, for the JIT); the store's cell is read at entry and
    /// written back only around calls, at the exit and before the trap.
    /// </summary>
    private void EmitFuelCheck()
    {
        if (_blockCosts is null)
        {
            return;
        }

        if (_fuelCell is null)
        {
            _fuelCell = _il.DeclareLocal(typeof(FuelCell));
            _fuelCount = _il.DeclareLocal(typeof(long));
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldfld, RuntimeMembers.Fuel);
            _il.Emit(OpCodes.Stloc, _fuelCell);
            EmitFuelReload();
        }

        var enough = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, _fuelCount!);
        _il.Emit(OpCodes.Ldc_I8, 0L);
        _il.Emit(OpCodes.Bge, enough);
        EmitFuelWriteBack();
        _il.Emit(OpCodes.Call, RuntimeMembers.OutOfFuel);
        _il.MarkLabel(enough);
    }

    /// <summary>Entering a basic block: its instructions' cost comes off the fuel count.</summary>
    private void EmitFuelCharge(int cost)
    {
        _il.Emit(OpCodes.Ldloc, _fuelCount!);
        _il.Emit(OpCodes.Ldc_I8, (long)cost);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stloc, _fuelCount!);
    }

    /// <summary>Before a call or the exit: the store's cell gets the count (a callee, or the host, reads it).</summary>
    private void EmitFuelWriteBack()
    {
        if (_fuelCell is null)
        {
            return;
        }

        _il.Emit(OpCodes.Ldloc, _fuelCell);
        _il.Emit(OpCodes.Ldloc, _fuelCount!);
        _il.Emit(OpCodes.Stfld, RuntimeMembers.FuelRemaining);
    }

    /// <summary>At entry and after a call: the count is what the store's cell says (the callee consumed some).</summary>
    private void EmitFuelReload()
    {
        if (_fuelCell is null)
        {
            return;
        }

        _il.Emit(OpCodes.Ldloc, _fuelCell);
        _il.Emit(OpCodes.Ldfld, RuntimeMembers.FuelRemaining);
        _il.Emit(OpCodes.Stloc, _fuelCount!);
    }

    private void EmitElse()
    {
        var block = _blocks[^1];
        if (!_unreachable)
        {
            _il.Emit(OpCodes.Br, block.Label);
        }

        _il.MarkLabel(block.ElseLabel);
        block.HasElse = true;
        ResetStack(block.Height, block.Parameters);
        if (block.SavedParameters is { } saved)
        {
            for (var p = 0; p < saved.Length; p++)
            {
                _il.Emit(OpCodes.Ldloc, saved[p]);
                _il.Emit(OpCodes.Stloc, Slot(block.Height + p, block.Parameters[p]));
            }
        }

        _unreachable = false;
    }

    private void EmitEnd()
    {
        var block = _blocks[^1];
        _blocks.RemoveAt(_blocks.Count - 1);
        if (block.Kind == Opcode.If && !block.HasElse)
        {
            _il.MarkLabel(block.ElseLabel);
        }

        if (block.Kind != Opcode.Loop)
        {
            _il.MarkLabel(block.Label);
        }

        ResetStack(block.Height, block.Results);
        _unreachable = false;
        if (_blocks.Count == 0)
        {
            EmitReturn();
        }
    }

    private void ResetStack(int height, ValueKind[] kinds)
    {
        _stack.RemoveRange(height, _stack.Count - height);
        _stack.AddRange(kinds);
    }

    private void EmitReturn()
    {
        EmitFuelWriteBack();
        var results = _type.ResultArray;
        if (results.Length == 1)
        {
            _il.Emit(OpCodes.Ldloc, Slot(0, results[0]));
        }
        else if (results.Length > 1)
        {
            for (var i = 0; i < results.Length; i++)
            {
                _il.Emit(OpCodes.Ldarg, (short)(2 + _parameterCount + i));
                _il.Emit(OpCodes.Ldloc, Slot(i, results[i]));
                _il.Emit(OpCodes.Stobj, CallingConvention.ClrType(results[i]));
            }
        }

        _il.Emit(OpCodes.Ret);
    }

    /// <summary>Moves the values a branch carries into the target's slots.</summary>
    private bool NeedsCopy(ControlBlock target) => _stack.Count - target.LabelTypes.Length != target.Height;

    private void CopyForBranch(ControlBlock target)
    {
        var arity = target.LabelTypes.Length;
        var from = _stack.Count - arity;
        if (from == target.Height)
        {
            return;
        }

        for (var i = 0; i < arity; i++)
        {
            var kind = _stack[from + i];
            _il.Emit(OpCodes.Ldloc, Slot(from + i, kind));
            _il.Emit(OpCodes.Stloc, Slot(target.Height + i, kind));
        }
    }

    private void Branch(ControlBlock target)
    {
        CopyForBranch(target);
        _il.Emit(OpCodes.Br, target.Label);
    }

    private void EmitBranchIf(ControlBlock target)
    {
        Load(1);
        if (!NeedsCopy(target))
        {
            _il.Emit(OpCodes.Brtrue, target.Label);
            return;
        }

        var skip = _il.DefineLabel();
        _il.Emit(OpCodes.Brfalse, skip);
        Branch(target);
        _il.MarkLabel(skip);
    }

    private void EmitBranchTable(Instruction ins)
    {
        Load(1);
        var count = (int)ins.B;
        var labels = new Label[count];
        var trampolines = new List<(Label, ControlBlock)>();
        for (var t = 0; t < count; t++)
        {
            var target = Target(_body.BranchTargets[ins.A + t]);
            if (NeedsCopy(target))
            {
                var trampoline = _il.DefineLabel();
                trampolines.Add((trampoline, target));
                labels[t] = trampoline;
            }
            else
            {
                labels[t] = target.Label;
            }
        }

        if (count > 0)
        {
            _il.Emit(OpCodes.Switch, labels);
        }
        else
        {
            _il.Emit(OpCodes.Pop);
        }

        Branch(Target(_body.BranchTargets[ins.A + count]));
        foreach (var (trampoline, target) in trampolines)
        {
            _il.MarkLabel(trampoline);
            Branch(target);
        }

        MarkUnreachable();
    }
}
