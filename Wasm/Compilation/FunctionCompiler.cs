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
internal sealed class FunctionCompiler
{
    private static readonly ValueKind[] s_none = [];

    private readonly ILGenerator _il;
    private readonly ModuleDefinition _module;
    private readonly MethodInfo[] _methods;
    private readonly FunctionType _type;
    private readonly FunctionBody _body;
    private readonly ValueKind[] _recorded;
    private readonly int _maxDepth;
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
    private LocalBuilder? _calleeTemp;
    private bool _unreachable;
    private int _skipDepth;

    public FunctionCompiler(ILGenerator il, ModuleDefinition module, MethodInfo[] methods, FunctionType type, FunctionBody body, ValueKind[] recorded, int maxDepth)
    {
        _il = il;
        _module = module;
        _methods = methods;
        _type = type;
        _body = body;
        _recorded = recorded;
        _maxDepth = maxDepth;
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
                    _il.Emit(OpCodes.Ldarg_0);
                    _il.Emit(OpCodes.Ldfld, RuntimeMembers.Memory);
                    _il.Emit(OpCodes.Stloc, _memoryLocal);
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

    private void Emit(Instruction ins, int index)
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
            EmitMemoryAccess(ins);
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

    // ---- operand stack as locals -------------------------------------------------------------

    /// <summary>CIL allows 65,535 locals; stay well below with the operand-stack slots.</summary>
    private const int MaxSlots = 40_000;

    private LocalBuilder Slot(int height, ValueKind kind)
    {
        if (!_slots.TryGetValue((height, kind), out var local))
        {
            if (_slots.Count >= MaxSlots)
            {
                throw new WasmException($"function body at byte offset {_body.Offset} needs more than {MaxSlots} operand stack slots, an implementation limit");
            }

            local = _il.DeclareLocal(CallingConvention.ClrType(kind));
            _slots[(height, kind)] = local;
        }

        return local;
    }

    /// <summary>Stores the value on the CIL stack as the new top of the wasm stack.</summary>
    private void Push(ValueKind kind)
    {
        _il.Emit(OpCodes.Stloc, Slot(_stack.Count, kind));
        _stack.Add(kind);
    }

    private void LoadSlot(int height) => _il.Emit(OpCodes.Ldloc, Slot(height, _stack[height]));

    /// <summary>Pops the top <paramref name="count"/> wasm values onto the CIL stack, deepest first.</summary>
    private void Load(int count)
    {
        var from = _stack.Count - count;
        for (var h = from; h < _stack.Count; h++)
        {
            LoadSlot(h);
        }

        _stack.RemoveRange(from, count);
    }

    private void EmitInt(int value) => _il.Emit(OpCodes.Ldc_I4, value);

    private void MarkUnreachable()
    {
        _unreachable = true;
        _skipDepth = 0;
    }

    // ---- numeric ------------------------------------------------------------------------------

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

    // ---- memory -------------------------------------------------------------------------------

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

    private void EmitMemoryAccess(Instruction ins)
    {
        LoadMemory();
        var isStore = OpcodeInfo.IsStore(ins.Op);
        Load(isStore ? 2 : 1);
        _il.Emit(OpCodes.Ldc_I8, ins.B);
        CallHelper(typeof(MemoryOps), ins.Op);
        if (!isStore)
        {
            Push(OpcodeInfo.MemoryAccess(ins.Op).Kind);
        }
    }

    // ---- tables and references ----------------------------------------------------------------

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

    // ---- variables ----------------------------------------------------------------------------

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

    // ---- control ------------------------------------------------------------------------------

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
        }

        _blocks.Add(new ControlBlock
        {
            Kind = ins.Op, Height = _stack.Count - parameters.Length, Parameters = parameters, Results = results, Label = label,
        });
    }

    private void EmitInterruptCheck()
    {
        _il.Emit(OpCodes.Ldarg_0);
        _il.Emit(OpCodes.Call, RuntimeMembers.CheckInterrupt);
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

    // ---- calls --------------------------------------------------------------------------------

    private void EmitCall(int function)
    {
        var callee = _module.FunctionType(function);
        if (function >= _module.ImportedFunctionCount)
        {
            _il.Emit(OpCodes.Ldarg_0);
            EmitArguments(callee);
            _il.Emit(OpCodes.Call, _methods[function - _module.ImportedFunctionCount]);
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
        CallingConvention.EmitCalli(_il, callee);
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
