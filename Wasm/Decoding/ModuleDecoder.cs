using System;
using System.Collections.Generic;

namespace WasGo.Wasm.Decoding;

/// <summary>
/// Decodes a binary module into a <see cref="ModuleDefinition"/>. Never recursive; every count is
/// checked against the bytes that remain before anything is allocated for it.
/// </summary>
internal sealed class ModuleDecoder
{
    /// <summary>Locals per function beyond which a body is rejected (an implementation limit).</summary>
    public const int MaxLocals = 50_000;

    private readonly BinaryReader _reader;
    private readonly ModuleDefinition _module = new();
    private readonly List<Instruction> _code = [];
    private readonly List<int> _targets = [];
    private readonly int _fileLength;
    private int _functionSectionCount;

    private readonly WasmFeatures _features;

    private ModuleDecoder(byte[] bytes, WasmFeatures features)
    {
        _features = features;
        _reader = new BinaryReader(bytes);
        _fileLength = bytes.Length;
    }

    public static ModuleDefinition Decode(byte[] bytes, WasmFeatures features = WasmFeatures.All)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new ModuleDecoder(bytes, features).DecodeModule();
    }

    /// <summary>The feature an opcode belongs to, or <see cref="WasmFeatures.None"/> for MVP opcodes.</summary>
    private static WasmFeatures FeatureOf(Opcode op) => op switch
    {
        >= Opcode.I32Extend8S and <= Opcode.I64Extend32S => WasmFeatures.SignExtension,
        >= Opcode.I32TruncSatF32S and <= Opcode.I64TruncSatF64U => WasmFeatures.SaturatingFloatToInt,
        >= Opcode.MemoryInit and <= Opcode.TableCopy => WasmFeatures.BulkMemory,
        Opcode.TableGrow or Opcode.TableSize or Opcode.TableFill or Opcode.TableGet or Opcode.TableSet
            or Opcode.RefNull or Opcode.RefIsNull or Opcode.RefFunc or Opcode.SelectTyped => WasmFeatures.ReferenceTypes,
        _ => WasmFeatures.None,
    };

    private static int SectionRank(byte id) => id switch
    {
        1 => 1, 2 => 2, 3 => 3, 4 => 4, 5 => 5, 6 => 6, 7 => 7, 8 => 8, 9 => 9, 12 => 10, 10 => 11, 11 => 12, _ => -1,
    };

    private ModuleDefinition DecodeModule()
    {
        var r = _reader;
        if (r.Remaining < 4 || r.ReadFixed32() != 0x6D736100)
        {
            throw BinaryReader.ErrorAt("magic header not detected", 0);
        }

        if (r.Remaining < 4 || r.ReadFixed32() != 1)
        {
            throw BinaryReader.ErrorAt("unknown binary version", 4);
        }

        var lastRank = 0;
        while (!r.AtEnd)
        {
            var idPosition = r.Position;
            var id = r.ReadByte();
            var size = r.ReadU32();
            if (size > (uint)r.Remaining)
            {
                throw r.Error("length out of bounds");
            }

            var end = r.Position + (int)size;
            if (id != 0)
            {
                var rank = SectionRank(id);
                if (rank < 0)
                {
                    throw BinaryReader.ErrorAt("malformed section id", idPosition);
                }

                if (rank <= lastRank)
                {
                    throw BinaryReader.ErrorAt("unexpected content after last section", idPosition);
                }

                lastRank = rank;
            }

            r.Limit = end;
            DecodeSection(id);
            if (r.Position != end)
            {
                throw r.Error("section size mismatch");
            }

            r.Limit = _fileLength;
        }

        if (_functionSectionCount != _module.Bodies.Count)
        {
            throw r.Error("function and code section have inconsistent lengths");
        }

        if (_module.DataCount is { } dataCount && dataCount != _module.Data.Count)
        {
            throw r.Error("data count and data section have inconsistent lengths");
        }

        return _module;
    }

    private void DecodeSection(byte id)
    {
        var r = _reader;
        switch (id)
        {
            case 0:
                if (r.ReadName() == "name")
                {
                    ReadFunctionNames();
                }

                r.Position = r.Limit;
                break;
            case 1:
                for (var n = r.ReadCount(); n > 0; n--)
                {
                    if (r.ReadByte() != 0x60)
                    {
                        throw BinaryReader.ErrorAt("integer representation too long", r.Position - 1);
                    }

                    var parameters = ReadValueTypes();
                    var results = ReadValueTypes();
                    _module.Types.Add(new FunctionType(parameters, results));
                }

                break;
            case 2:
                DecodeImports();
                break;
            case 3:
                var count = r.ReadCount();
                _functionSectionCount = count;
                for (var i = 0; i < count; i++)
                {
                    _module.FunctionTypes.Add(r.ReadIndex());
                }

                break;
            case 4:
                for (var n = r.ReadCount(); n > 0; n--)
                {
                    _module.Tables.Add(ReadTableType());
                }

                break;
            case 5:
                for (var n = r.ReadCount(); n > 0; n--)
                {
                    _module.Memories.Add(ReadMemoryType());
                }

                break;
            case 6:
                for (var n = r.ReadCount(); n > 0; n--)
                {
                    var position = r.Position;
                    var type = ReadGlobalType();
                    _module.Globals.Add(new GlobalDefinition(type, ReadConstantExpression(), position));
                }

                break;
            case 7:
                for (var n = r.ReadCount(); n > 0; n--)
                {
                    var position = r.Position;
                    var name = r.ReadName();
                    var kindPosition = r.Position;
                    var kind = r.ReadByte();
                    if (kind > 3)
                    {
                        throw BinaryReader.ErrorAt("malformed export kind", kindPosition);
                    }

                    _module.Exports.Add(new ExportDefinition(name, (ExternKind)kind, r.ReadIndex(), position));
                }

                break;
            case 8:
                _module.StartPosition = r.Position;
                _module.Start = r.ReadIndex();
                break;
            case 9:
                for (var n = r.ReadCount(); n > 0; n--)
                {
                    _module.Elements.Add(ReadElementSegment());
                }

                break;
            case 10:
                DecodeCode();
                break;
            case 11:
                for (var n = r.ReadCount(); n > 0; n--)
                {
                    _module.Data.Add(ReadDataSegment());
                }

                break;
            case 12:
                _module.DataCount = r.ReadIndex();
                break;
            default:
                throw r.Error("malformed section id");
        }
    }

    /// <summary>
    /// Reads the function names of a "name" custom section (for stack traces). A broken name section
    /// is ignored, as the spec asks of custom sections; it never fails the module.
    /// </summary>
    private void ReadFunctionNames()
    {
        var r = _reader;
        try
        {
            while (!r.AtEnd)
            {
                var id = r.ReadByte();
                var size = r.ReadCount();
                var end = r.Position + size;
                if (id == 1)
                {
                    for (var n = r.ReadCount(); n > 0; n--)
                    {
                        var index = r.ReadIndex();
                        _module.FunctionNames[index] = r.ReadName();
                    }
                }

                r.Position = end;
            }
        }
        catch (MalformedModuleException)
        {
            _module.FunctionNames.Clear();
        }
    }

    private void DecodeImports()
    {
        var r = _reader;
        for (var n = r.ReadCount(); n > 0; n--)
        {
            var module = r.ReadName();
            var name = r.ReadName();
            var kindPosition = r.Position;
            var kind = r.ReadByte();
            switch (kind)
            {
                case 0:
                    var typeIndex = r.ReadIndex();
                    _module.Imports.Add(new ImportDefinition(module, name, ExternKind.Function, _module.FunctionTypes.Count, typeIndex));
                    _module.FunctionTypes.Add(typeIndex);
                    _module.ImportedFunctionCount++;
                    break;
                case 1:
                    var table = ReadTableType();
                    _module.Imports.Add(new ImportDefinition(module, name, ExternKind.Table, _module.Tables.Count, table));
                    _module.Tables.Add(table);
                    _module.ImportedTableCount++;
                    break;
                case 2:
                    var memory = ReadMemoryType();
                    _module.Imports.Add(new ImportDefinition(module, name, ExternKind.Memory, _module.Memories.Count, memory));
                    _module.Memories.Add(memory);
                    _module.ImportedMemoryCount++;
                    break;
                case 3:
                    var global = ReadGlobalType();
                    _module.Imports.Add(new ImportDefinition(module, name, ExternKind.Global, _module.Globals.Count, global));
                    _module.Globals.Add(new GlobalDefinition(global, null, kindPosition));
                    _module.ImportedGlobalCount++;
                    break;
                default:
                    throw BinaryReader.ErrorAt("malformed import kind", kindPosition);
            }
        }
    }

    private ValueKind[] ReadValueTypes()
    {
        var count = _reader.ReadCount();
        var types = new ValueKind[count];
        for (var i = 0; i < count; i++)
        {
            types[i] = ReadValueType();
        }

        return types;
    }

    public static bool TryValueType(byte code, out ValueKind kind)
    {
        switch (code)
        {
            case 0x7F: kind = ValueKind.Int32; return true;
            case 0x7E: kind = ValueKind.Int64; return true;
            case 0x7D: kind = ValueKind.Float32; return true;
            case 0x7C: kind = ValueKind.Float64; return true;
            // 0x7B is v128: SIMD is not implemented yet, so modules using it are rejected as malformed.
            case 0x70: kind = ValueKind.FuncRef; return true;
            case 0x6F: kind = ValueKind.ExternRef; return true;
            default: kind = default; return false;
        }
    }

    private ValueKind ReadValueType()
    {
        var position = _reader.Position;
        var code = _reader.ReadByte();
        return TryValueType(code, out var kind) ? kind : throw BinaryReader.ErrorAt("malformed value type", position);
    }

    private ValueKind ReadReferenceType()
    {
        var position = _reader.Position;
        var code = _reader.ReadByte();
        return code switch
        {
            0x70 => ValueKind.FuncRef,
            0x6F => ValueKind.ExternRef,
            _ => throw BinaryReader.ErrorAt("malformed reference type", position),
        };
    }

    private (long Min, long? Max) ReadLimits()
    {
        var r = _reader;
        var position = r.Position;
        var flags = r.ReadByte();
        if (flags > 1)
        {
            throw BinaryReader.ErrorAt("integer too large", position);
        }

        long min = r.ReadU32();
        long? max = flags == 1 ? r.ReadU32() : null;
        return (min, max);
    }

    private TableType ReadTableType()
    {
        var element = ReadReferenceType();
        var (min, max) = ReadLimits();
        return new TableType(element, min, max);
    }

    private MemoryType ReadMemoryType()
    {
        var (min, max) = ReadLimits();
        return new MemoryType(min, max);
    }

    private GlobalType ReadGlobalType()
    {
        var kind = ReadValueType();
        var position = _reader.Position;
        var mutability = _reader.ReadByte();
        if (mutability > 1)
        {
            throw BinaryReader.ErrorAt("malformed mutability", position);
        }

        return new GlobalType(kind, mutability == 1);
    }

    private Instruction[] ReadConstantExpression()
    {
        _code.Clear();
        _targets.Clear();
        ReadInstructions();
        return [.. _code];
    }

    private ElementSegment ReadElementSegment()
    {
        var r = _reader;
        var position = r.Position;
        var flags = r.ReadU32();
        if (flags > 7 || (flags != 0 && (_features & (WasmFeatures.BulkMemory | WasmFeatures.ReferenceTypes)) == 0))
        {
            throw BinaryReader.ErrorAt("malformed elements segment kind", position);
        }

        var mode = (flags & 1) == 0 ? SegmentMode.Active : (flags & 2) == 0 ? SegmentMode.Passive : SegmentMode.Declarative;
        var table = 0;
        Instruction[]? offset = null;
        if (mode == SegmentMode.Active)
        {
            if ((flags & 2) != 0)
            {
                table = r.ReadIndex();
            }

            offset = ReadConstantExpression();
        }

        var type = ValueKind.FuncRef;
        var usesExpressions = (flags & 4) != 0;
        if ((flags & 3) != 0)
        {
            if (usesExpressions)
            {
                type = ReadReferenceType();
            }
            else
            {
                var kindPosition = r.Position;
                if (r.ReadByte() != 0)
                {
                    throw BinaryReader.ErrorAt("malformed element kind", kindPosition);
                }
            }
        }

        var count = r.ReadCount();
        var items = new Instruction[count][];
        for (var i = 0; i < count; i++)
        {
            if (usesExpressions)
            {
                items[i] = ReadConstantExpression();
            }
            else
            {
                var at = r.Position;
                var function = r.ReadIndex();
                items[i] = [new Instruction(Opcode.RefFunc, function, 0, at), new Instruction(Opcode.End, 0, 0, at)];
            }
        }

        return new ElementSegment(mode, table, offset, type, items, position);
    }

    private DataSegment ReadDataSegment()
    {
        var r = _reader;
        var position = r.Position;
        var flags = r.ReadU32();
        if (flags > 2 || (flags != 0 && (_features & WasmFeatures.BulkMemory) == 0))
        {
            throw BinaryReader.ErrorAt("malformed data segment kind", position);
        }

        var memory = flags == 2 ? r.ReadIndex() : 0;
        var offset = flags == 1 ? null : ReadConstantExpression();
        var length = r.ReadCount();
        var bytes = r.ReadBytes(length).ToArray();
        return new DataSegment(flags == 1 ? SegmentMode.Passive : SegmentMode.Active, memory, offset, bytes, position);
    }

    private void DecodeCode()
    {
        var r = _reader;
        var count = r.ReadCount();
        if (count != _functionSectionCount)
        {
            throw r.Error("function and code section have inconsistent lengths");
        }

        var sectionLimit = r.Limit;
        for (var i = 0; i < count; i++)
        {
            var size = r.ReadU32();
            if (size > (uint)r.Remaining)
            {
                throw r.Error("unexpected end");
            }

            var bodyStart = r.Position;
            var bodyEnd = bodyStart + (int)size;
            r.Limit = bodyEnd;
            var locals = ReadLocals();
            _code.Clear();
            _targets.Clear();
            ReadInstructions();
            if (r.Position != bodyEnd)
            {
                throw r.Error("section size mismatch");
            }

            r.Limit = sectionLimit;
            _module.Bodies.Add(new FunctionBody(locals, [.. _code], [.. _targets], bodyStart));
        }
    }

    private ValueKind[] ReadLocals()
    {
        var r = _reader;
        var groups = r.ReadCount();
        long total = 0;
        var list = new List<ValueKind>();
        for (var g = 0; g < groups; g++)
        {
            var n = r.ReadU32();
            total += n;
            if (total > MaxLocals)
            {
                throw r.Error("too many locals");
            }

            var kind = ReadValueType();
            for (var k = 0; k < n; k++)
            {
                list.Add(kind);
            }
        }

        return [.. list];
    }

    /// <summary>Reads instructions up to the `end` that closes the body or expression (iteratively).</summary>
    private void ReadInstructions()
    {
        var r = _reader;
        var depth = 0;
        while (true)
        {
            var at = r.Position;
            var first = r.ReadByte();
            Opcode op;
            if (first == 0xFC)
            {
                var sub = r.ReadU32();
                if (sub > 17)
                {
                    throw BinaryReader.ErrorAt("illegal opcode", at);
                }

                op = (Opcode)(0xFC00 + sub);
            }
            else
            {
                op = (Opcode)first;
                if (!Enum.IsDefined(op) || first >= 0xFC)
                {
                    throw BinaryReader.ErrorAt("illegal opcode", at);
                }
            }

            var feature = FeatureOf(op);
            if (feature != WasmFeatures.None && (_features & feature) == 0)
            {
                throw BinaryReader.ErrorAt("illegal opcode", at);
            }

            var instruction = ReadImmediates(op, at);
            _code.Add(instruction);
            switch (op)
            {
                case Opcode.Block or Opcode.Loop or Opcode.If:
                    depth++;
                    break;
                case Opcode.End:
                    if (depth == 0)
                    {
                        return;
                    }

                    depth--;
                    break;
                case Opcode.MemoryInit or Opcode.DataDrop when _module.DataCount is null:
                    throw BinaryReader.ErrorAt("data count section required", at);
                default:
                    break;
            }
        }
    }

    private Instruction ReadImmediates(Opcode op, int at)
    {
        var r = _reader;
        switch (op)
        {
            case Opcode.Block or Opcode.Loop or Opcode.If:
                var typePosition = r.Position;
                var blockType = r.ReadS33();
                if (blockType == -64)
                {
                    return new Instruction(op, (int)BlockKind.Empty, 0, at);
                }

                if (blockType < 0)
                {
                    return TryValueType((byte)(blockType & 0x7F), out var kind) && blockType >= -64
                        ? new Instruction(op, (int)BlockKind.Value, (long)kind, at)
                        : throw BinaryReader.ErrorAt("malformed value type", typePosition);
                }

                return new Instruction(op, (int)BlockKind.TypeIndex, blockType, at);
            case Opcode.Br or Opcode.BrIf or Opcode.Call or Opcode.LocalGet or Opcode.LocalSet or Opcode.LocalTee
                or Opcode.GlobalGet or Opcode.GlobalSet or Opcode.TableGet or Opcode.TableSet or Opcode.RefFunc
                or Opcode.DataDrop or Opcode.ElemDrop or Opcode.TableGrow or Opcode.TableSize or Opcode.TableFill:
                return new Instruction(op, r.ReadIndex(), 0, at);
            case Opcode.BrTable:
                var count = r.ReadCount();
                var start = _targets.Count;
                for (var i = 0; i <= count; i++)
                {
                    _targets.Add(r.ReadIndex());
                }

                return new Instruction(op, start, count, at);
            case Opcode.CallIndirect:
                var type = r.ReadIndex();
                return new Instruction(op, type, r.ReadIndex(), at);
            case Opcode.SelectTyped:
                var n = r.ReadCount();
                if (n != 1)
                {
                    throw BinaryReader.ErrorAt("invalid result arity", at);
                }

                return new Instruction(op, (int)ReadValueType(), 0, at);
            case >= Opcode.I32Load and <= Opcode.I64Store32:
                var align = r.ReadU32();
                var offset = r.ReadU32();
                return new Instruction(op, (int)Math.Min(align, 64), offset, at);
            case Opcode.MemorySize or Opcode.MemoryGrow:
                if (r.ReadByte() != 0)
                {
                    throw BinaryReader.ErrorAt("zero byte expected", at);
                }

                return new Instruction(op, 0, 0, at);
            case Opcode.I32Const:
                return new Instruction(op, 0, r.ReadS32(), at);
            case Opcode.I64Const:
                return new Instruction(op, 0, r.ReadS64(), at);
            case Opcode.F32Const:
                return new Instruction(op, 0, r.ReadFixed32(), at);
            case Opcode.F64Const:
                return new Instruction(op, 0, (long)r.ReadFixed64(), at);
            case Opcode.RefNull:
                return new Instruction(op, (int)ReadReferenceType(), 0, at);
            case Opcode.MemoryInit:
                var segment = r.ReadIndex();
                if (r.ReadByte() != 0)
                {
                    throw BinaryReader.ErrorAt("zero byte expected", at);
                }

                return new Instruction(op, segment, 0, at);
            case Opcode.MemoryCopy:
                if (r.ReadByte() != 0 || r.ReadByte() != 0)
                {
                    throw BinaryReader.ErrorAt("zero byte expected", at);
                }

                return new Instruction(op, 0, 0, at);
            case Opcode.MemoryFill:
                if (r.ReadByte() != 0)
                {
                    throw BinaryReader.ErrorAt("zero byte expected", at);
                }

                return new Instruction(op, 0, 0, at);
            case Opcode.TableInit:
                var element = r.ReadIndex();
                return new Instruction(op, element, r.ReadIndex(), at);
            case Opcode.TableCopy:
                var destination = r.ReadIndex();
                return new Instruction(op, destination, r.ReadIndex(), at);
            default:
                return new Instruction(op, 0, 0, at);
        }
    }
}
