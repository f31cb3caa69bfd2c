using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using WasGo.Wasm.Decoding;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm.Compilation;

/// <summary>
/// Emits the CIL of one validated function. Every wasm operand-stack position is a CIL local (one per
/// height and type), so blocks, branches and multi-value need no juggling of the CIL stack; the JIT
/// turns these locals into registers. Instructions are emitted from a switch grouped by family.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly ValueKind[] s_none = [];

    private readonly ILGenerator _il;
    private readonly ModuleDefinition _module;
    private readonly MethodInfo[] _methods;
    private readonly FunctionType _type;
    private readonly FunctionBody _body;
    private readonly ValueKind[] _recorded;
    private readonly int _maxDepth;
    private readonly HashSet<int>? _taintedSlots;
    private readonly Dictionary<int, BoundsCheckPlan.GroupedLoad> _groupedLoads;
    private readonly int _parameterCount;
    private readonly ValueKind[] _localKinds;
    private readonly LocalBuilder[] _locals;
    private readonly List<ValueKind> _stack = [];
    private readonly Dictionary<(int, ValueKind), LocalBuilder> _slots = [];
    private readonly Dictionary<(int, ValueKind), LocalBuilder> _resultTemps = [];
    private readonly List<ControlBlock> _blocks = [];
    private readonly Dictionary<int, LocalBuilder> _globalCells = [];
    private readonly Dictionary<int, LocalBuilder> _tableLocals = [];
    private LocalBuilder? _memoryLocal;
    private LocalBuilder? _memoryBase;
    private LocalBuilder? _memoryLength;
    private LocalBuilder? _calleeTemp;
    private LocalBuilder? _interruptLocal;
    private readonly int[]? _blockCosts;
    private LocalBuilder? _fuelCell;
    private LocalBuilder? _fuelCount;
    private bool _unreachable;
    private int _skipDepth;

    public FunctionCompiler(ILGenerator il, ModuleDefinition module, MethodInfo[] methods, FunctionType type, FunctionBody body, ValueKind[] recorded, CodeGeneration generation)
    {
        _blockCosts = generation.ConsumesFuel ? FuelCosts.OfBlocks(body.Code) : null;
        _groupedLoads = BoundsCheckPlan.Plan(body.Code);
        _taintedSlots = generation.CanonicalizesNaNs ? [] : null;
        _il = il;
        _module = module;
        _methods = methods;
        _type = type;
        _body = body;
        _recorded = recorded;
        _maxDepth = generation.MaxCallDepth;
        _parameterCount = type.ParameterArray.Length;
        _localKinds = [.. type.ParameterArray, .. body.Locals];
        _locals = new LocalBuilder[body.Locals.Length];
        for (var i = 0; i < _locals.Length; i++)
        {
            _locals[i] = il.DeclareLocal(CallingConvention.ClrType(body.Locals[i]));
        }
    }

    public void Compile()
    {
        EmitStackCheck();
        EmitInterruptCheck();
        EmitFuelCheck();
        CacheInstanceState();
        _blocks.Add(new ControlBlock { Kind = Opcode.Block, Height = 0, Parameters = s_none, Results = _type.ResultArray, Label = _il.DefineLabel() });
        var code = _body.Code;
        for (var i = 0; i < code.Length; i++)
        {
            var ins = code[i];
            if (_unreachable && Skip(ins.Op))
            {
                continue;
            }

            if (_blockCosts is not null && _blockCosts[i] > 0 && !_unreachable)
            {
                EmitFuelCharge(_blockCosts[i]);
            }

            Emit(ins, i);
        }
    }

    /// <summary>
    /// Traps when the call depth passes the limit, and checks the native stack: at every call when
    /// frames may be large, otherwise every 8th level (8 small frames stay far below the headroom
    /// TryEnsureSufficientExecutionStack guarantees).
    /// </summary>
    private void EmitStackCheck()
    {
        var estimatedFrame = 16 * (_localKinds.Length + 2) + (_body.Code.Length * 8);
        var depthIsEnough = _il.DefineLabel();
        if (estimatedFrame <= 2048)
        {
            _il.Emit(OpCodes.Ldarg_1);
            EmitInt(7);
            _il.Emit(OpCodes.And);
            _il.Emit(OpCodes.Brtrue, depthIsEnough);
        }

        _il.Emit(OpCodes.Ldarg_1);
        EmitInt(_maxDepth);
        _il.Emit(OpCodes.Call, RuntimeMembers.CheckStack);
        var done = _il.DefineLabel();
        _il.Emit(OpCodes.Br, done);
        _il.MarkLabel(depthIsEnough);
        _il.Emit(OpCodes.Ldarg_1);
        EmitInt(_maxDepth);
        _il.Emit(OpCodes.Call, RuntimeMembers.CheckDepth);
        _il.MarkLabel(done);
    }

    /// <summary>
    /// Loads the memory, the table and the global cells the body uses into locals once: their
    /// identity never changes after instantiation, so accesses skip the instance's arrays.
    /// </summary>
    private void CacheInstanceState()
    {
        foreach (var ins in _body.Code)
        {
            switch (ins.Op)
            {
                case Opcode.GlobalGet or Opcode.GlobalSet when !_globalCells.ContainsKey(ins.A):
                    var cell = _il.DeclareLocal(typeof(GlobalInstance));
                    _il.Emit(OpCodes.Ldarg_0);
                    _il.Emit(OpCodes.Ldfld, RuntimeMembers.Globals);
                    EmitInt(ins.A);
                    _il.Emit(OpCodes.Ldelem_Ref);
                    _il.Emit(OpCodes.Stloc, cell);
                    _globalCells[ins.A] = cell;
                    break;
                case Opcode.CallIndirect when !_tableLocals.ContainsKey((int)ins.B):
                    var table = _il.DeclareLocal(typeof(TableInstance));
                    _il.Emit(OpCodes.Ldarg_0);
                    _il.Emit(OpCodes.Ldfld, RuntimeMembers.Tables);
                    EmitInt((int)ins.B);
                    _il.Emit(OpCodes.Ldelem_Ref);
                    _il.Emit(OpCodes.Stloc, table);
                    _tableLocals[(int)ins.B] = table;
                    break;
                case >= Opcode.I32Load and <= Opcode.MemoryGrow when _memoryLocal is null:
                    _memoryLocal = _il.DeclareLocal(typeof(MemoryInstance));
                    _memoryBase = _il.DeclareLocal(typeof(byte).MakePointerType());
                    _memoryLength = _il.DeclareLocal(typeof(ulong));
                    _il.Emit(OpCodes.Ldarg_0);
                    _il.Emit(OpCodes.Ldfld, RuntimeMembers.Memory);
                    _il.Emit(OpCodes.Stloc, _memoryLocal);
                    _il.Emit(OpCodes.Ldloc, _memoryLocal);
                    _il.Emit(OpCodes.Ldfld, RuntimeMembers.MemoryBase);
                    _il.Emit(OpCodes.Stloc, _memoryBase);
                    ReloadMemoryLength();
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>While the code is unreachable, skips instructions up to the else/end of the current block.</summary>
    private bool Skip(Opcode op)
    {
        switch (op)
        {
            case Opcode.Block or Opcode.Loop or Opcode.If:
                _skipDepth++;
                return true;
            case Opcode.Else when _skipDepth == 0:
                return false;
            case Opcode.End:
                if (_skipDepth == 0)
                {
                    return false;
                }

                _skipDepth--;
                return true;
            default:
                return true;
        }
    }

    /// <summary>Emits an instruction; in determinism mode, canonicalises tainted NaNs first if it could observe them (see <see cref="NaNTaint"/>).</summary>
    private void Emit(Instruction ins, int index)
    {
        if (_taintedSlots is null)
        {
            EmitInstruction(ins, index);
            return;
        }

        var op = ins.Op;
        if (NaNTaint.Observes(op))
        {
            CanonicalizeTaintedSlots();
            EmitInstruction(ins, index);
            return;
        }

        EmitInstruction(ins, index);
        if (op is not (Opcode.Drop or Opcode.Nop))
        {
            // Every other instruction that observes nothing pushes one value, on top.
            var top = _stack.Count - 1;
            if (NaNTaint.ProducesProcessorNaN(op))
            {
                _taintedSlots.Add(top);
            }
            else
            {
                _taintedSlots.Remove(top);
            }
        }
    }

    private void EmitInstruction(Instruction ins, int index)
    {
        var op = ins.Op;
        if (OpcodeInfo.TryNumeric(op, out _, out var arity, out var result))
        {
            Load(arity);
            EmitNumeric(op);
            Push(result);
            return;
        }

        if (OpcodeInfo.IsLoad(op) || OpcodeInfo.IsStore(op))
        {
            EmitMemoryAccess(ins, index);
            return;
        }

        switch (op)
        {
            case Opcode.I32Const:
                EmitInt((int)ins.B);
                Push(ValueKind.Int32);
                break;
            case Opcode.I64Const:
                _il.Emit(OpCodes.Ldc_I8, ins.B);
                Push(ValueKind.Int64);
                break;
            case Opcode.F32Const:
                EmitF32Constant((int)ins.B);
                Push(ValueKind.Float32);
                break;
            case Opcode.F64Const:
                EmitF64Constant(ins.B);
                Push(ValueKind.Float64);
                break;

            case Opcode.Nop:
                break;
            case Opcode.Unreachable:
                _il.Emit(OpCodes.Call, RuntimeMembers.Unreachable);
                MarkUnreachable();
                break;
            case Opcode.Block or Opcode.Loop or Opcode.If:
                EnterBlock(ins);
                break;
            case Opcode.Else:
                EmitElse();
                break;
            case Opcode.End:
                EmitEnd();
                break;
            case Opcode.Br:
                Branch(Target(ins.A));
                MarkUnreachable();
                break;
            case Opcode.BrIf:
                EmitBranchIf(Target(ins.A));
                break;
            case Opcode.BrTable:
                EmitBranchTable(ins);
                break;
            case Opcode.Return:
                Branch(_blocks[0]);
                MarkUnreachable();
                break;

            case Opcode.Call:
                EmitCall(ins.A);
                break;
            case Opcode.CallIndirect:
                EmitCallIndirect(ins);
                break;

            case Opcode.Drop:
                _stack.RemoveAt(_stack.Count - 1);
                break;
            case Opcode.Select or Opcode.SelectTyped:
                EmitSelect(_recorded[index]);
                break;
            case Opcode.LocalGet:
                LoadLocal(ins.A);
                Push(_localKinds[ins.A]);
                break;
            case Opcode.LocalSet:
                Load(1);
                StoreLocal(ins.A);
                break;
            case Opcode.LocalTee:
                LoadSlot(_stack.Count - 1);
                StoreLocal(ins.A);
                break;
            case Opcode.GlobalGet:
                EmitGlobalGet(ins.A);
                break;
            case Opcode.GlobalSet:
                EmitGlobalSet(ins.A);
                break;

            case Opcode.MemorySize or Opcode.MemoryGrow or Opcode.MemoryFill or Opcode.MemoryCopy:
                LoadMemory();
                Load(op switch { Opcode.MemorySize => 0, Opcode.MemoryGrow => 1, _ => 3 });
                CallHelper(typeof(MemoryOps), op);
                if (op is Opcode.MemorySize or Opcode.MemoryGrow)
                {
                    Push(ValueKind.Int32);
                }

                if (op == Opcode.MemoryGrow)
                {
                    ReloadMemoryLength();
                }

                break;
            case Opcode.MemoryInit:
                _il.Emit(OpCodes.Ldarg_0);
                EmitInt(ins.A);
                Load(3);
                CallHelper(typeof(MemoryOps), op);
                break;
            case Opcode.DataDrop or Opcode.ElemDrop:
                _il.Emit(OpCodes.Ldarg_0);
                EmitInt(ins.A);
                CallHelper(op == Opcode.DataDrop ? typeof(MemoryOps) : typeof(TableOps), op);
                break;

            case Opcode.TableGet or Opcode.TableSet or Opcode.TableSize or Opcode.TableGrow or Opcode.TableFill:
                LoadTable(ins.A);
                Load(op switch { Opcode.TableSize => 0, Opcode.TableGet => 1, Opcode.TableFill => 3, _ => 2 });
                CallHelper(typeof(TableOps), op);
                if (op != Opcode.TableSet && op != Opcode.TableFill)
                {
                    Push(op == Opcode.TableGet ? _module.Tables[ins.A].Element : ValueKind.Int32);
                }

                break;
            case Opcode.TableCopy:
                LoadTable(ins.A);
                LoadTable((int)ins.B);
                Load(3);
                CallHelper(typeof(TableOps), op);
                break;
            case Opcode.TableInit:
                _il.Emit(OpCodes.Ldarg_0);
                EmitInt((int)ins.B);
                EmitInt(ins.A);
                Load(3);
                CallHelper(typeof(TableOps), op);
                break;

            case Opcode.RefNull:
                _il.Emit(OpCodes.Ldnull);
                Push((ValueKind)ins.A);
                break;
            case Opcode.RefIsNull:
                Load(1);
                _il.Emit(OpCodes.Ldnull);
                _il.Emit(OpCodes.Ceq);
                Push(ValueKind.Int32);
                break;
            case Opcode.RefFunc:
                LoadFunctionInstance(ins.A);
                Push(ValueKind.FuncRef);
                break;
            default:
                throw new InvalidModuleException($"instruction {op} is not supported", ins.Offset);
        }
    }
}
