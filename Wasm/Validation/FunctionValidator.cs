using System;
using System.Collections.Generic;
using WasGo.Wasm.Decoding;

namespace WasGo.Wasm.Validation;

/// <summary>
/// Type-checks one function body with the algorithm of the spec's validation appendix (an operand
/// stack of types and a stack of control frames) and records, for the compiler, the operand type of
/// every type-polymorphic instruction (drop, select). Iterative: nesting costs heap, not stack.
/// </summary>
internal sealed class FunctionValidator
{
    private const ValueKind Unknown = (ValueKind)255;
    private static readonly ValueKind[] s_none = [];

    private readonly ValidationContext _context;
    private readonly List<ValueKind> _operands = [];
    private readonly List<ControlFrame> _frames = [];
    private int _offset;

    public FunctionValidator(ValidationContext context)
    {
        _context = context;
    }

    private ModuleDefinition Module => _context.Module;

    /// <summary>Validates a body; returns the operand type recorded for each instruction (drop/select).</summary>
    public ValueKind[] Validate(FunctionType type, FunctionBody body)
    {
        _operands.Clear();
        _frames.Clear();
        var locals = new ValueKind[type.ParameterArray.Length + body.Locals.Length];
        type.ParameterArray.CopyTo(locals, 0);
        body.Locals.CopyTo(locals, type.ParameterArray.Length);
        var recorded = new ValueKind[body.Code.Length];
        PushFrame(Opcode.Block, s_none, type.ResultArray);
        var code = body.Code;
        for (var i = 0; i < code.Length; i++)
        {
            if (_frames.Count == 0)
            {
                throw Invalid("operators after the end of the function");
            }

            var ins = code[i];
            _offset = ins.Offset;
            recorded[i] = Step(ins, locals, body, type);
        }

        if (_frames.Count != 0)
        {
            throw Invalid("function body does not end with end");
        }

        return recorded;
    }

    /// <summary>Validates a constant expression producing one value of <paramref name="expected"/>.</summary>
    public void ValidateConstant(Instruction[] expression, ValueKind expected, int globalLimit)
    {
        _operands.Clear();
        _frames.Clear();
        PushFrame(Opcode.Block, s_none, [expected]);
        foreach (var ins in expression)
        {
            _offset = ins.Offset;
            switch (ins.Op)
            {
                case Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const or Opcode.RefNull or Opcode.RefFunc or Opcode.End:
                    break;
                case Opcode.GlobalGet:
                    if (ins.A >= globalLimit || ins.A >= Module.Globals.Count)
                    {
                        throw Invalid($"unknown global {ins.A}");
                    }

                    if (Module.Globals[ins.A].Type.Mutable)
                    {
                        throw Invalid("constant expression required");
                    }

                    break;
                default:
                    throw Invalid("constant expression required");
            }

            Step(ins, [], null, null);
        }
    }

    private InvalidModuleException Invalid(string message) => new(message, _offset);

    private void Push(ValueKind kind) => _operands.Add(kind);

    private ValueKind Pop()
    {
        var frame = _frames[^1];
        if (_operands.Count == frame.Height)
        {
            if (frame.Unreachable)
            {
                return Unknown;
            }

            throw Invalid("type mismatch: operand stack underflow");
        }

        var kind = _operands[^1];
        _operands.RemoveAt(_operands.Count - 1);
        return kind;
    }

    private ValueKind Pop(ValueKind expected)
    {
        var actual = Pop();
        if (actual != expected && actual != Unknown && expected != Unknown)
        {
            throw Invalid($"type mismatch: expected {expected}, found {actual}");
        }

        return actual == Unknown ? expected : actual;
    }

    private void PopAll(ValueKind[] kinds)
    {
        for (var i = kinds.Length - 1; i >= 0; i--)
        {
            Pop(kinds[i]);
        }
    }

    private void PushAll(ValueKind[] kinds)
    {
        foreach (var k in kinds)
        {
            Push(k);
        }
    }

    private void PushFrame(Opcode kind, ValueKind[] parameters, ValueKind[] results)
    {
        _frames.Add(new ControlFrame { Kind = kind, Parameters = parameters, Results = results, Height = _operands.Count });
        PushAll(parameters);
    }

    private ControlFrame PopFrame()
    {
        if (_frames.Count == 0)
        {
            throw Invalid("unexpected end");
        }

        var frame = _frames[^1];
        PopAll(frame.Results);
        if (_operands.Count != frame.Height)
        {
            throw Invalid("type mismatch: values remain on the stack at the end of a block");
        }

        _frames.RemoveAt(_frames.Count - 1);
        return frame;
    }

    private void MarkUnreachable()
    {
        var frame = _frames[^1];
        _operands.RemoveRange(frame.Height, _operands.Count - frame.Height);
        frame.Unreachable = true;
        _frames[^1] = frame;
    }

    private ControlFrame Label(int depth)
    {
        if ((uint)depth >= (uint)_frames.Count)
        {
            throw Invalid($"unknown label {depth}");
        }

        return _frames[_frames.Count - 1 - depth];
    }

    private (ValueKind[] Parameters, ValueKind[] Results) BlockType(Instruction ins)
    {
        switch ((BlockKind)ins.A)
        {
            case BlockKind.Empty:
                return (s_none, s_none);
            case BlockKind.Value:
                return (s_none, [(ValueKind)ins.B]);
            default:
                if (ins.B >= Module.Types.Count)
                {
                    throw Invalid($"unknown type {ins.B}");
                }

                var type = Module.Types[(int)ins.B];
                if (!_context.Has(WasmFeatures.MultiValue) && (type.ParameterArray.Length > 0 || type.ResultArray.Length > 1))
                {
                    throw Invalid("invalid result arity");
                }

                return (type.ParameterArray, type.ResultArray);
        }
    }

    private void RequireMemory(int index = 0)
    {
        if (index >= Module.Memories.Count)
        {
            throw Invalid($"unknown memory {index}");
        }
    }

    private TableType Table(long index) =>
        index < Module.Tables.Count ? Module.Tables[(int)index] : throw Invalid($"unknown table {index}");

    private ElementSegment Element(int index) =>
        index < Module.Elements.Count ? Module.Elements[index] : throw Invalid($"unknown elem segment {index}");

    private void RequireData(int index)
    {
        if (index >= (Module.DataCount ?? Module.Data.Count))
        {
            throw Invalid($"unknown data segment {index}");
        }
    }

    private static bool IsReference(ValueKind kind) => kind is ValueKind.FuncRef or ValueKind.ExternRef;

    /// <summary>Checks that the top of the stack matches <paramref name="kinds"/> without consuming it.</summary>
    private void CheckTop(ValueKind[] kinds)
    {
        var frame = _frames[^1];
        for (var j = 0; j < kinds.Length; j++)
        {
            var index = _operands.Count - 1 - j;
            if (index < frame.Height)
            {
                if (!frame.Unreachable)
                {
                    throw Invalid("type mismatch: operand stack underflow");
                }

                return;
            }

            var actual = _operands[index];
            if (actual != Unknown && actual != kinds[kinds.Length - 1 - j])
            {
                throw Invalid($"type mismatch: expected {kinds[kinds.Length - 1 - j]}, found {actual}");
            }
        }
    }

    private ValueKind Step(Instruction ins, ValueKind[] locals, FunctionBody? body, FunctionType? function)
    {
        const ValueKind I32 = ValueKind.Int32;
        var op = ins.Op;
        if (OpcodeInfo.TryNumeric(op, out var operand, out var arity, out var result))
        {
            Pop(operand);
            if (arity == 2)
            {
                Pop(operand);
            }

            Push(result);
            return default;
        }

        if (OpcodeInfo.IsLoad(op))
        {
            RequireMemory();
            CheckAlignment(ins);
            Pop(I32);
            Push(OpcodeInfo.MemoryAccess(op).Kind);
            return default;
        }

        if (OpcodeInfo.IsStore(op))
        {
            RequireMemory();
            CheckAlignment(ins);
            Pop(OpcodeInfo.MemoryAccess(op).Kind);
            Pop(I32);
            return default;
        }

        switch (op)
        {
            case Opcode.Unreachable:
                MarkUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block or Opcode.Loop:
                {
                    var (parameters, results) = BlockType(ins);
                    PopAll(parameters);
                    PushFrame(op, parameters, results);
                    break;
                }

            case Opcode.If:
                {
                    var (parameters, results) = BlockType(ins);
                    Pop(I32);
                    PopAll(parameters);
                    PushFrame(op, parameters, results);
                    break;
                }

            case Opcode.Else:
                {
                    if (_frames.Count == 0 || _frames[^1].Kind != Opcode.If)
                    {
                        throw Invalid("else without if");
                    }

                    var frame = PopFrame();
                    PushFrame(Opcode.Else, frame.Parameters, frame.Results);
                    break;
                }

            case Opcode.End:
                {
                    var frame = PopFrame();
                    if (frame.Kind == Opcode.If && !frame.Parameters.AsSpan().SequenceEqual(frame.Results))
                    {
                        throw Invalid("type mismatch: if without else must leave its parameters as results");
                    }

                    PushAll(frame.Results);
                    if (_frames.Count == 0)
                    {
                        _operands.Clear();
                    }

                    break;
                }

            case Opcode.Br:
                PopAll(Label(ins.A).LabelTypes);
                MarkUnreachable();
                break;
            case Opcode.BrIf:
                {
                    Pop(I32);
                    var types = Label(ins.A).LabelTypes;
                    PopAll(types);
                    PushAll(types);
                    break;
                }

            case Opcode.BrTable:
                {
                    Pop(I32);
                    var targets = body!.BranchTargets;
                    var defaultTypes = Label(targets[ins.A + (int)ins.B]).LabelTypes;
                    var arityOfDefault = defaultTypes.Length;
                    for (var t = 0; t <= ins.B; t++)
                    {
                        var types = Label(targets[ins.A + t]).LabelTypes;
                        if (!_context.Has(WasmFeatures.ReferenceTypes) && !types.AsSpan().SequenceEqual(defaultTypes))
                        {
                            throw Invalid("type mismatch: br_table targets have different types");
                        }

                        if (types.Length != arityOfDefault)
                        {
                            throw Invalid("type mismatch: br_table targets have different arities");
                        }

                        CheckTop(types);
                    }

                    PopAll(defaultTypes);
                    MarkUnreachable();
                    break;
                }

            case Opcode.Return:
                PopAll(function is null ? throw Invalid("return outside a function") : function.ResultArray);
                MarkUnreachable();
                break;
            case Opcode.Call:
                {
                    if ((uint)ins.A >= (uint)Module.FunctionTypes.Count)
                    {
                        throw Invalid($"unknown function {ins.A}");
                    }

                    var callee = Module.FunctionType(ins.A);
                    PopAll(callee.ParameterArray);
                    PushAll(callee.ResultArray);
                    break;
                }

            case Opcode.CallIndirect:
                {
                    var table = Table(ins.B);
                    if (table.Element != ValueKind.FuncRef)
                    {
                        throw Invalid("type mismatch: call_indirect needs a funcref table");
                    }

                    if ((uint)ins.A >= (uint)Module.Types.Count)
                    {
                        throw Invalid($"unknown type {ins.A}");
                    }

                    var callee = Module.Types[ins.A];
                    Pop(I32);
                    PopAll(callee.ParameterArray);
                    PushAll(callee.ResultArray);
                    break;
                }

            case Opcode.Drop:
                return Pop();
            case Opcode.Select:
                {
                    Pop(I32);
                    var t1 = Pop();
                    var t2 = Pop();
                    if (IsReference(t1) || IsReference(t2) || t1 == ValueKind.V128 || t2 == ValueKind.V128)
                    {
                        throw Invalid("type mismatch: untyped select needs numeric operands");
                    }

                    if (t1 != t2 && t1 != Unknown && t2 != Unknown)
                    {
                        throw Invalid("type mismatch: select operands differ");
                    }

                    var kind = t1 == Unknown ? t2 : t1;
                    Push(kind);
                    return kind;
                }

            case Opcode.SelectTyped:
                {
                    var kind = (ValueKind)ins.A;
                    Pop(I32);
                    Pop(kind);
                    Pop(kind);
                    Push(kind);
                    return kind;
                }

            case Opcode.LocalGet:
                Push(Local(locals, ins.A));
                break;
            case Opcode.LocalSet:
                Pop(Local(locals, ins.A));
                break;
            case Opcode.LocalTee:
                {
                    var kind = Local(locals, ins.A);
                    Pop(kind);
                    Push(kind);
                    break;
                }

            case Opcode.GlobalGet:
                Push(Global(ins.A).Kind);
                break;
            case Opcode.GlobalSet:
                {
                    var global = Global(ins.A);
                    if (!global.Mutable)
                    {
                        throw Invalid("global is immutable");
                    }

                    Pop(global.Kind);
                    break;
                }

            case Opcode.TableGet:
                Pop(I32);
                Push(Table(ins.A).Element);
                break;
            case Opcode.TableSet:
                Pop(Table(ins.A).Element);
                Pop(I32);
                break;
            case Opcode.TableSize:
                Table(ins.A);
                Push(I32);
                break;
            case Opcode.TableGrow:
                Pop(I32);
                Pop(Table(ins.A).Element);
                Push(I32);
                break;
            case Opcode.TableFill:
                Pop(I32);
                Pop(Table(ins.A).Element);
                Pop(I32);
                break;
            case Opcode.TableCopy:
                if (Table(ins.A).Element != Table(ins.B).Element)
                {
                    throw Invalid("type mismatch: table.copy between tables of different types");
                }

                Pop(I32);
                Pop(I32);
                Pop(I32);
                break;
            case Opcode.TableInit:
                if (Table(ins.B).Element != Element(ins.A).Type)
                {
                    throw Invalid("type mismatch: table.init with a segment of another type");
                }

                Pop(I32);
                Pop(I32);
                Pop(I32);
                break;
            case Opcode.ElemDrop:
                Element(ins.A);
                break;
            case Opcode.MemorySize:
                RequireMemory();
                Push(I32);
                break;
            case Opcode.MemoryGrow:
                RequireMemory();
                Pop(I32);
                Push(I32);
                break;
            case Opcode.MemoryInit:
                RequireMemory();
                RequireData(ins.A);
                Pop(I32);
                Pop(I32);
                Pop(I32);
                break;
            case Opcode.DataDrop:
                RequireData(ins.A);
                break;
            case Opcode.MemoryCopy or Opcode.MemoryFill:
                RequireMemory();
                Pop(I32);
                Pop(I32);
                Pop(I32);
                break;
            case Opcode.I32Const:
                Push(I32);
                break;
            case Opcode.I64Const:
                Push(ValueKind.Int64);
                break;
            case Opcode.F32Const:
                Push(ValueKind.Float32);
                break;
            case Opcode.F64Const:
                Push(ValueKind.Float64);
                break;
            case Opcode.RefNull:
                Push((ValueKind)ins.A);
                break;
            case Opcode.RefIsNull:
                {
                    var kind = Pop();
                    if (kind != Unknown && !IsReference(kind))
                    {
                        throw Invalid("type mismatch: ref.is_null needs a reference");
                    }

                    Push(I32);
                    break;
                }

            case Opcode.RefFunc:
                if ((uint)ins.A >= (uint)Module.FunctionTypes.Count)
                {
                    throw Invalid($"unknown function {ins.A}");
                }

                if (body is not null && !_context.DeclaredFunctions.Contains(ins.A))
                {
                    throw Invalid($"undeclared function reference {ins.A}");
                }

                Push(ValueKind.FuncRef);
                break;
            default:
                throw Invalid($"unsupported instruction {op}");
        }

        return default;
    }

    private void CheckAlignment(Instruction ins)
    {
        var size = OpcodeInfo.MemoryAccess(ins.Op).Size;
        if (ins.A > 31 || (1 << ins.A) > size)
        {
            throw Invalid("alignment must not be larger than natural");
        }
    }

    private ValueKind Local(ValueKind[] locals, int index) =>
        (uint)index < (uint)locals.Length ? locals[index] : throw Invalid($"unknown local {index}");

    private GlobalType Global(int index) =>
        (uint)index < (uint)Module.Globals.Count ? Module.Globals[index].Type : throw Invalid($"unknown global {index}");
}
