using System.Collections.Generic;
using WasGo.Wasm.Text.Binary;
using WasGo.Wasm.Text.Lexing;

namespace WasGo.Wasm.Text.Parsing;

/// <summary>Instruction sequences, flat and folded, parsed with an explicit stack (no recursion).</summary>
internal sealed partial class ModuleParser
{
    /// <summary>The deepest nesting of blocks and folded instructions accepted.</summary>
    public const int MaxNesting = 100_000;

    private static readonly IndexSpace s_noLocals = new("local");

    private readonly List<LabelEntry> _labels = [];
    private readonly Dictionary<string, List<int>> _labelNames = new(System.StringComparer.Ordinal);
    private readonly List<Frame> _frames = [];
    private IndexSpace? _locals;

    /// <summary>
    /// Parses the instructions from token <paramref name="p"/> up to <paramref name="end"/> (exclusive) into
    /// <paramref name="output"/>, without the final <c>end</c>. Returns the number of instructions written.
    /// </summary>
    private int ParseExpression(int p, int end, ByteBuffer output, IndexSpace? locals)
    {
        _locals = locals;
        _labels.Clear();
        _labelNames.Clear();
        _frames.Clear();
        var count = 0;
        while (true)
        {
            if (_frames.Count > 0 && p == _frames[^1].Close)
            {
                count += CloseFrame(p, output);
                p++;
                continue;
            }

            if (p >= end)
            {
                break;
            }

            var token = _t[p];
            if (token.Kind == TokenKind.LeftParen)
            {
                p = OpenFolded(p, output);
                continue;
            }

            if (token.Kind != TokenKind.Keyword)
            {
                throw Error(p, $"expected an instruction, found {Describe(p)}");
            }

            if (_frames.Count > 0 && _frames[^1].Kind == FrameKind.Plain)
            {
                throw Error(p, $"expected a folded operand '(...)' or ')', found {Describe(p)}");
            }

            if (_frames.Count > 0 && _frames[^1].Kind == FrameKind.If)
            {
                throw Error(p, $"expected a folded condition, '(then ...)' or '(else ...)' in a folded 'if', found {Describe(p)}");
            }

            p = Flat(p, output, ref count);
        }

        if (_labels.Count > 0)
        {
            throw Error(end, $"block opened without a matching 'end' ({_labels.Count} still open)");
        }

        return count;
    }

    private int InnerLabelBase()
    {
        if (_frames.Count == 0)
        {
            return 0;
        }

        var top = _frames[^1];
        return top.Kind is FrameKind.Block ? top.LabelBase + 1 : top.LabelBase;
    }

    private void CheckNesting(int p)
    {
        if (_frames.Count >= MaxNesting || _labels.Count >= MaxNesting)
        {
            throw Error(p, $"instructions nested deeper than {MaxNesting} levels");
        }
    }

    private int CloseFrame(int p, ByteBuffer output)
    {
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        var expected = frame.Kind is FrameKind.Block || (frame.Kind is FrameKind.If && frame.State != IfState.Condition)
            ? frame.LabelBase + 1
            : frame.LabelBase;
        if (_labels.Count != expected)
        {
            throw Error(p, "a flat block inside this folded instruction has no matching 'end'");
        }

        switch (frame.Kind)
        {
            case FrameKind.Plain:
                WriteInstruction(ref frame.Instruction, output);
                return 1;
            case FrameKind.Block:
                output.WriteByte(0x0B);
                PopLabel();
                return 1;
            case FrameKind.If:
                if (frame.State == IfState.Condition)
                {
                    throw Error(p, "a folded 'if' needs a '(then ...)' branch");
                }

                output.WriteByte(0x0B);
                PopLabel();
                return 1;
            default:
            {
                if (frame.Kind == FrameKind.Else && output.Length == frame.ElseEnd)
                {
                    // As wat2wasm: an empty else-branch is not written.
                    output.Truncate(output.Length - 1);
                }

                var parent = _frames[^1];
                parent.State = frame.Kind == FrameKind.Then ? IfState.AfterThen : IfState.AfterElse;
                _frames[^1] = parent;
                return 0;
            }
        }
    }

    private int OpenFolded(int p, ByteBuffer output)
    {
        var close = _t.Close(p);
        CheckNesting(p);
        if (_frames.Count > 0 && _frames[^1].Kind == FrameKind.If)
        {
            var parent = _frames[^1];
            if (_t.IsKeyword(p + 1, "then"))
            {
                if (parent.State != IfState.Condition)
                {
                    throw Error(p, "a folded 'if' has only one '(then ...)'");
                }

                output.WriteByte(0x04);
                WriteBlockType(parent.BlockType!, output);
                PushLabel(new LabelEntry(parent.Label, false, -1));
                parent.State = IfState.AfterThen;
                _frames[^1] = parent;
                _frames.Add(new Frame { Kind = FrameKind.Then, Close = close, LabelBase = _labels.Count });
                return p + 2;
            }

            if (_t.IsKeyword(p + 1, "else"))
            {
                if (parent.State != IfState.AfterThen)
                {
                    throw Error(p, "'(else ...)' must follow the '(then ...)' of a folded 'if'");
                }

                output.WriteByte(0x05);
                _frames.Add(new Frame { Kind = FrameKind.Else, Close = close, LabelBase = _labels.Count, ElseEnd = output.Length });
                return p + 2;
            }

            if (parent.State != IfState.Condition)
            {
                throw Error(p, $"expected '(else ...)' or ')' after the '(then ...)' of a folded 'if', found {Describe(p + 1)}");
            }
        }

        var info = Lookup(p + 1);
        var q = p + 2;
        switch (info.Kind)
        {
            case ImmediateKind.Block:
            {
                var label = ParseLabelDefinition(ref q);
                var blockType = ParseBlockType(ref q);
                if (info.Opcode == 0x04)
                {
                    _frames.Add(new Frame { Kind = FrameKind.If, Close = close, LabelBase = _labels.Count, BlockType = blockType, Label = label });
                    return q;
                }

                output.WriteByte((byte)info.Opcode);
                WriteBlockType(blockType, output);
                _frames.Add(new Frame { Kind = FrameKind.Block, Close = close, LabelBase = _labels.Count });
                PushLabel(new LabelEntry(label, false, -1));
                return q;
            }

            case ImmediateKind.Else:
            case ImmediateKind.End:
                throw Error(p + 1, $"'{_t.String(p + 1)}' cannot be folded");
            default:
            {
                var instruction = ParseImmediates(info, ref q);
                _frames.Add(new Frame { Kind = FrameKind.Plain, Close = close, LabelBase = _labels.Count, Instruction = instruction });
                return q;
            }
        }
    }

    private int Flat(int p, ByteBuffer output, ref int count)
    {
        var info = Lookup(p);
        var q = p + 1;
        count++;
        switch (info.Kind)
        {
            case ImmediateKind.Block:
            {
                CheckNesting(p);
                var label = ParseLabelDefinition(ref q);
                var blockType = ParseBlockType(ref q);
                output.WriteByte((byte)info.Opcode);
                WriteBlockType(blockType, output);
                PushLabel(new LabelEntry(label, info.Opcode == 0x04, -1));
                return q;
            }

            case ImmediateKind.Else:
            case ImmediateKind.End:
            {
                if (_labels.Count <= InnerLabelBase())
                {
                    throw Error(p, $"'{_t.String(p)}' without an open block");
                }

                var top = _labels[^1];
                if (info.Kind == ImmediateKind.Else && !top.FlatIf)
                {
                    throw Error(p, "'else' without a matching 'if'");
                }

                if (_t[q].Kind == TokenKind.Id)
                {
                    if (top.Name != _t.String(q))
                    {
                        throw Error(q, $"mismatching label {_t.String(q)}: the block is labelled {top.Name ?? "(none)"}");
                    }

                    q++;
                }

                if (info.Kind == ImmediateKind.End && top.ElseEnd == output.Length)
                {
                    // As wat2wasm: an empty else-branch is not written.
                    output.Truncate(output.Length - 1);
                }

                output.WriteByte((byte)info.Opcode);
                if (info.Kind == ImmediateKind.Else)
                {
                    _labels[^1] = top with { FlatIf = false, ElseEnd = output.Length };
                }
                else
                {
                    PopLabel();
                }

                return q;
            }

            default:
            {
                var instruction = ParseImmediates(info, ref q);
                WriteInstruction(ref instruction, output);
                return q;
            }
        }
    }

    private InstructionInfo Lookup(int token)
    {
        if (_t[token].Kind != TokenKind.Keyword || !InstructionTable.TryGet(_t.Span(token), out var info))
        {
            throw Error(token, $"unknown instruction {Describe(token)}");
        }

        return info;
    }

    private void PushLabel(LabelEntry label)
    {
        if (label.Name is not null)
        {
            if (!_labelNames.TryGetValue(label.Name, out var positions))
            {
                positions = [];
                _labelNames.Add(label.Name, positions);
            }

            positions.Add(_labels.Count);
        }

        _labels.Add(label);
    }

    private void PopLabel()
    {
        var name = _labels[^1].Name;
        if (name is not null)
        {
            var positions = _labelNames[name];
            positions.RemoveAt(positions.Count - 1);
        }

        _labels.RemoveAt(_labels.Count - 1);
    }

    private string? ParseLabelDefinition(ref int q)
    {
        if (_t[q].Kind != TokenKind.Id)
        {
            return null;
        }

        return _t.String(q++);
    }

    private long ResolveLabel(int token)
    {
        if (_t[token].Kind == TokenKind.Id)
        {
            var name = _t.String(token);
            if (_labelNames.TryGetValue(name, out var positions) && positions.Count > 0)
            {
                return _labels.Count - 1 - positions[^1];
            }

            throw Error(token, $"undefined label {name}");
        }

        return ParseU32(token, "a label index or name");
    }

    private Instruction ParseImmediates(InstructionInfo info, ref int q)
    {
        var instruction = new Instruction { Info = info };
        switch (info.Kind)
        {
            case ImmediateKind.Label:
                instruction.A = ResolveLabel(q++);
                break;
            case ImmediateKind.BrTable:
                instruction.Targets = [];
                while (IsIndex(q))
                {
                    instruction.Targets.Add(ResolveLabel(q++));
                }

                if (instruction.Targets.Count == 0)
                {
                    throw Error(q, $"expected a label index or name after br_table, found {Describe(q)}");
                }

                break;
            case ImmediateKind.Function:
                instruction.A = Resolve(_funcs, q++);
                break;
            case ImmediateKind.CallIndirect:
                if (IsIndex(q))
                {
                    instruction.A = Resolve(_tables, q++);
                }

                instruction.Use = ParseTypeUse(ref q, null);
                break;
            case ImmediateKind.Local:
                // A constant expression has no locals; a numeric index still encodes (validation rejects it).
                instruction.A = Resolve(_locals ?? s_noLocals, q++);
                break;
            case ImmediateKind.Global:
                instruction.A = Resolve(_globals, q++);
                break;
            case ImmediateKind.Table:
                if (IsIndex(q))
                {
                    instruction.A = Resolve(_tables, q++);
                }

                break;
            case ImmediateKind.MemArg:
                ParseMemArg(ref q, ref instruction);
                break;
            case ImmediateKind.Memory:
                if (IsIndex(q))
                {
                    instruction.A = Resolve(_memories, q++);
                }

                break;
            case ImmediateKind.MemoryInit:
            case ImmediateKind.Data:
                instruction.A = Resolve(_datas, q++);
                _usesDataCount = true;
                break;
            case ImmediateKind.TableInit:
                if (IsIndex(q + 1))
                {
                    instruction.B = Resolve(_tables, q++);
                }

                instruction.A = Resolve(_elems, q++);
                break;
            case ImmediateKind.Elem:
                instruction.A = Resolve(_elems, q++);
                break;
            case ImmediateKind.TableCopy:
                if (IsIndex(q))
                {
                    instruction.A = Resolve(_tables, q++);
                    instruction.B = Resolve(_tables, q++);
                }

                break;
            case ImmediateKind.I32:
            case ImmediateKind.I64:
                if (_t[q].Kind != TokenKind.Number
                    || !NumberLiteral.TryParseInteger(_t.Span(q), info.Kind == ImmediateKind.I32 ? 32 : 64, out instruction.A))
                {
                    throw LiteralError(q, info.Kind == ImmediateKind.I32 ? "i32" : "i64");
                }

                q++;
                break;
            case ImmediateKind.F32:
            {
                if (!IsFloatToken(q) || !NumberLiteral.TryParseF32(_t.Span(q), out var bits))
                {
                    throw LiteralError(q, "f32");
                }

                instruction.A = bits;
                q++;
                break;
            }

            case ImmediateKind.F64:
            {
                if (!IsFloatToken(q) || !NumberLiteral.TryParseF64(_t.Span(q), out var bits))
                {
                    throw LiteralError(q, "f64");
                }

                instruction.A = (long)bits;
                q++;
                break;
            }

            case ImmediateKind.Select:
                while (_t.IsForm(q, "result"))
                {
                    instruction.Types ??= [];
                    var close = _t.Close(q);
                    for (var r = q + 2; r < close; r++)
                    {
                        instruction.Types.Add(ParseValueType(r));
                    }

                    q = close + 1;
                }

                break;
            case ImmediateKind.RefNull:
                if (_t.IsKeyword(q, "func"))
                {
                    instruction.A = 0x70;
                }
                else if (_t.IsKeyword(q, "extern"))
                {
                    instruction.A = 0x6F;
                }
                else
                {
                    throw Error(q, $"expected a heap type (func, extern), found {Describe(q)}");
                }

                q++;
                break;
        }

        return instruction;
    }

    private WatException LiteralError(int token, string type)
    {
        var text = _t.Span(token);
        var isInteger = type[0] == 'i';
        if (_t[token].Kind is TokenKind.Number or TokenKind.Keyword)
        {
            if (isInteger && NumberLiteral.IsIntegerSyntax(text))
            {
                var range = type == "i32" ? "-2147483648 to 4294967295" : "-9223372036854775808 to 18446744073709551615";
                return Error(token, $"{type} constant out of range: {Describe(token)} (the accepted range is {range})");
            }

            if (!isInteger && text.Contains("nan:0x", System.StringComparison.Ordinal) && NumberLiteral.IsFloatSyntax(text))
            {
                var bits = type == "f32" ? 23 : 52;
                return Error(token, $"{type} NaN payload out of range: {Describe(token)} (it must be 1 to 2^{bits}-1)");
            }

            if (!isInteger && NumberLiteral.IsFloatSyntax(text))
            {
                return Error(token, $"{type} constant out of range: {Describe(token)} rounds to infinity (write inf if that is meant)");
            }
        }

        return Error(token, $"expected an {type} literal, found {Describe(token)}");
    }

    private bool IsFloatToken(int token) =>
        _t[token].Kind == TokenKind.Number || (_t[token].Kind == TokenKind.Keyword && _t.Span(token) is "inf" or "nan" || _t.Span(token).StartsWith("nan:"));

    private void ParseMemArg(ref int q, ref Instruction instruction)
    {
        instruction.A = instruction.Info.Align;
        if (_t[q].Kind == TokenKind.Keyword && _t.Span(q).StartsWith("offset="))
        {
            if (!NumberLiteral.TryParseUnsigned(_t.Span(q)[7..], uint.MaxValue, out var offset))
            {
                throw Error(q, $"bad memory offset {Describe(q)}: expected offset=N with N an unsigned 32-bit number");
            }

            instruction.B = (long)offset;
            q++;
        }

        if (_t[q].Kind == TokenKind.Keyword && _t.Span(q).StartsWith("align="))
        {
            if (!NumberLiteral.TryParseUnsigned(_t.Span(q)[6..], uint.MaxValue, out var align) || align == 0 || (align & (align - 1)) != 0)
            {
                throw Error(q, $"bad alignment {Describe(q)}: expected align=N with N a power of two");
            }

            instruction.A = System.Numerics.BitOperations.Log2(align);
            q++;
        }
    }

    private void WriteInstruction(ref Instruction instruction, ByteBuffer output)
    {
        var info = instruction.Info;
        var opcode = info.Opcode;
        if (info.Kind == ImmediateKind.Select && instruction.Types is { Count: > 0 })
        {
            // As wat2wasm: 'select (result)' with no types is the untyped select.
            opcode = 0x1C;
        }

        if (opcode > 0xFF)
        {
            output.WriteByte((byte)(opcode >> 8));
            output.WriteU32((uint)(opcode & 0xFF));
        }
        else
        {
            output.WriteByte((byte)opcode);
        }

        switch (info.Kind)
        {
            case ImmediateKind.Label:
            case ImmediateKind.Function:
            case ImmediateKind.Local:
            case ImmediateKind.Global:
            case ImmediateKind.Table:
            case ImmediateKind.Data:
            case ImmediateKind.Elem:
            case ImmediateKind.Memory:
                output.WriteU64((ulong)instruction.A);
                break;
            case ImmediateKind.BrTable:
            {
                var targets = instruction.Targets!;
                output.WriteU32((uint)(targets.Count - 1));
                foreach (var target in targets)
                {
                    output.WriteU64((ulong)target);
                }

                break;
            }

            case ImmediateKind.CallIndirect:
                output.WriteU64((ulong)ResolveFuncType(instruction.Use!));
                output.WriteU64((ulong)instruction.A);
                break;
            case ImmediateKind.MemArg:
                output.WriteU64((ulong)instruction.A);
                output.WriteU64((ulong)instruction.B);
                break;
            case ImmediateKind.MemoryInit:
                output.WriteU64((ulong)instruction.A);
                output.WriteByte(0);
                break;
            case ImmediateKind.MemoryCopy:
                output.WriteByte(0);
                output.WriteByte(0);
                break;
            case ImmediateKind.TableInit:
            case ImmediateKind.TableCopy:
                output.WriteU64((ulong)instruction.A);
                output.WriteU64((ulong)instruction.B);
                break;
            case ImmediateKind.I32:
            case ImmediateKind.I64:
                output.WriteS64(instruction.A);
                break;
            case ImmediateKind.F32:
                output.WriteFixed32((uint)instruction.A);
                break;
            case ImmediateKind.F64:
                output.WriteFixed64((ulong)instruction.A);
                break;
            case ImmediateKind.Select:
                if (instruction.Types is { Count: > 0 })
                {
                    output.WriteU32((uint)instruction.Types.Count);
                    foreach (var type in instruction.Types)
                    {
                        output.WriteByte(type);
                    }
                }

                break;
            case ImmediateKind.RefNull:
                output.WriteByte((byte)instruction.A);
                break;
        }
    }
}
