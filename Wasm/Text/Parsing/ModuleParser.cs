using System.Collections.Generic;
using WasGo.Wasm.Text.Binary;
using WasGo.Wasm.Text.Lexing;

namespace WasGo.Wasm.Text.Parsing;

/// <summary>
/// Turns the fields of one text module into a binary module, as wat2wasm lays it out. Two passes over the fields:
/// the first binds every name (so uses may come before definitions), the second encodes in field order, which is also
/// the order in which wat2wasm appends implicitly defined function types.
/// </summary>
internal sealed partial class ModuleParser
{
    private readonly TokenList _t;
    private readonly List<int> _fields = [];
    private readonly IndexSpace _types = new("type");
    private readonly IndexSpace _funcs = new("func");
    private readonly IndexSpace _tables = new("table");
    private readonly IndexSpace _memories = new("memory");
    private readonly IndexSpace _globals = new("global");
    private readonly IndexSpace _elems = new("elem");
    private readonly IndexSpace _datas = new("data");
    private readonly List<FuncSig> _typeSigs = [];
    private readonly Dictionary<FuncSig, int> _firstTypeOf = [];
    private readonly Section?[] _sections = new Section?[13];
    private readonly HashSet<int> _elemIdIsTable = [];
    private readonly HashSet<int> _dataIdIsMemory = [];
    private int _funcCursor;
    private int _tableCursor;
    private int _memoryCursor;
    private int _globalCursor;
    private long _start = -1;
    private bool _usesDataCount;

    private ModuleParser(TokenList tokens) => _t = tokens;

    /// <summary>Encodes the module whose fields are the forms between token <paramref name="first"/> and <paramref name="end"/> (exclusive).</summary>
    public static byte[] Parse(TokenList tokens, int first, int end)
    {
        var parser = new ModuleParser(tokens);
        return parser.Run(first, end);
    }

    private byte[] Run(int first, int end)
    {
        for (var p = first; p < end; p = _t.Close(p) + 1)
        {
            if (_t[p].Kind != TokenKind.LeftParen || _t[p + 1].Kind != TokenKind.Keyword)
            {
                throw Error(p, $"expected a module field such as '(func ...)', found {Describe(p)}");
            }

            _fields.Add(p);
        }

        BindNames();
        BindSegmentNames();
        foreach (var field in _fields)
        {
            EncodeField(field);
        }

        WriteTypes();
        return ModuleWriter.Write(_sections, _start, _usesDataCount && _datas.Count > 0 ? _datas.Count : -1);
    }

    private Section Sec(int id) => _sections[id] ??= new Section();

    private void BindNames()
    {
        var defined = false;
        foreach (var f in _fields)
        {
            var head = _t.String(f + 1);
            var id = _t[f + 2].Kind == TokenKind.Id ? f + 2 : -1;
            switch (head)
            {
                case "type":
                {
                    Bind(_types, id);
                    var q = id >= 0 ? f + 3 : f + 2;
                    if (!_t.IsForm(q, "func"))
                    {
                        throw Error(q, $"expected '(func ...)' in a type definition, found {Describe(q)}");
                    }

                    var inner = q + 2;
                    var use = new TypeUse { Token = q };
                    ParseSignature(ref inner, use, new IndexSpace("parameter"));
                    Expect(inner, TokenKind.RightParen, "')' after the signature");
                    Expect(_t.Close(q) + 1, TokenKind.RightParen, "')' after the type definition");
                    _firstTypeOf.TryAdd(use.Sig, _typeSigs.Count);
                    _typeSigs.Add(use.Sig);
                    break;
                }

                case "import":
                {
                    if (defined)
                    {
                        throw Error(f, "imports must come before all function, table, memory and global definitions");
                    }

                    var q = f + 2;
                    Expect(q, TokenKind.String, "the module name of the import");
                    Expect(q + 1, TokenKind.String, "the field name of the import");
                    q += 2;
                    if (_t[q].Kind != TokenKind.LeftParen)
                    {
                        throw Error(q, $"expected an import description such as '(func ...)', found {Describe(q)}");
                    }

                    var kind = _t.String(q + 1);
                    var descId = _t[q + 2].Kind == TokenKind.Id ? q + 2 : -1;
                    Bind(SpaceOf(kind, q + 1), descId);
                    break;
                }

                case "func":
                case "table":
                case "memory":
                case "global":
                {
                    Bind(SpaceOf(head, f + 1), id);
                    var q = id >= 0 ? f + 3 : f + 2;
                    while (_t.IsForm(q, "export"))
                    {
                        q = _t.Close(q) + 1;
                    }

                    if (_t.IsForm(q, "import"))
                    {
                        if (defined)
                        {
                            throw Error(q, "imports must come before all function, table, memory and global definitions");
                        }
                    }
                    else
                    {
                        defined = true;
                    }

                    break;
                }

                case "export":
                case "start":
                case "elem":
                case "data":
                    break;
                default:
                    throw Error(f + 1, $"unknown module field '{head}'");
            }
        }
    }

    private void BindSegmentNames()
    {
        foreach (var f in _fields)
        {
            var head = _t.String(f + 1);
            var id = _t[f + 2].Kind == TokenKind.Id ? f + 2 : -1;
            switch (head)
            {
                case "elem":
                    // WebAssembly 1.0 read '(elem $t ...)' as "for table $t"; 2.0 as a segment name.
                    if (id >= 0 && NamesTargetBeforeOffset(id, _tables))
                    {
                        _elemIdIsTable.Add(id);
                        id = -1;
                    }

                    Bind(_elems, id);
                    break;
                case "data":
                    if (id >= 0 && NamesTargetBeforeOffset(id, _memories))
                    {
                        _dataIdIsMemory.Add(id);
                        id = -1;
                    }

                    Bind(_datas, id);
                    break;
                case "table":
                case "memory":
                {
                    var q = id >= 0 ? f + 3 : f + 2;
                    while (_t.IsForm(q, "export") || _t.IsForm(q, "import"))
                    {
                        q = _t.Close(q) + 1;
                    }

                    if (head == "table" && _t[q].Kind == TokenKind.Keyword && _t.IsForm(q + 1, "elem"))
                    {
                        Bind(_elems, -1);
                    }
                    else if (head == "memory" && _t.IsForm(q, "data"))
                    {
                        Bind(_datas, -1);
                    }

                    break;
                }
            }
        }
    }

    /// <summary>
    /// Whether the id after 'elem' or 'data' is WebAssembly 1.0's table or memory index rather than 2.0's segment name:
    /// it names a table (memory) and an offset follows. Only then do the two readings differ in meaning.
    /// </summary>
    private bool NamesTargetBeforeOffset(int id, IndexSpace targets) =>
        targets.Contains(_t.String(id))
        && _t[id + 1].Kind == TokenKind.LeftParen
        && !_t.IsForm(id + 1, "table")
        && !_t.IsForm(id + 1, "memory")
        && !_t.IsForm(id + 1, "item");

    private IndexSpace SpaceOf(string kind, int token) => kind switch
    {
        "func" => _funcs,
        "table" => _tables,
        "memory" => _memories,
        "global" => _globals,
        _ => throw Error(token, $"expected func, table, memory or global, found '{kind}'"),
    };

    private void Bind(IndexSpace space, int idToken)
    {
        var name = idToken >= 0 ? _t.String(idToken) : null;
        if (!space.TryAdd(name))
        {
            throw Error(idToken, $"duplicate {space.What} name {name}");
        }
    }

    private void EncodeField(int f)
    {
        var close = _t.Close(f);
        var q = f + 2;
        switch (_t.String(f + 1))
        {
            case "type":
                return;
            case "import":
                EncodeImport(f, close);
                return;
            case "func":
                EncodeFunc(f, close);
                return;
            case "table":
                EncodeTable(f, close);
                return;
            case "memory":
                EncodeMemory(f, close);
                return;
            case "global":
                EncodeGlobal(f, close);
                return;
            case "export":
            {
                var name = ReadName(q);
                q++;
                if (_t[q].Kind != TokenKind.LeftParen || _t.Close(q) != q + 3)
                {
                    throw Error(q, $"expected an export description such as '(func $f)', found {Describe(q)}");
                }

                var kind = _t.String(q + 1);
                var space = SpaceOf(kind, q + 1);
                var index = Resolve(space, q + 2);
                AddExport(name, ExternKindOf(kind), index);
                Expect(q + 4, TokenKind.RightParen, "')' after the export");
                return;
            }

            case "start":
            {
                if (_start >= 0)
                {
                    throw Error(f, "a module has at most one start function");
                }

                _start = Resolve(_funcs, q);
                Expect(q + 1, TokenKind.RightParen, "')' after the start function");
                return;
            }

            case "elem":
                EncodeElem(f, close);
                return;
            case "data":
                EncodeData(f, close);
                return;
        }
    }

    private static byte ExternKindOf(string kind) => kind switch
    {
        "func" => 0,
        "table" => 1,
        "memory" => 2,
        _ => 3,
    };

    private void AddExport(byte[] name, byte kind, long index)
    {
        var exports = Sec(7);
        exports.Count++;
        exports.Body.WriteVector(name);
        exports.Body.WriteByte(kind);
        exports.Body.WriteU64((ulong)index);
    }

    /// <summary>Skips the optional id and writes the inline exports of a func/table/memory/global field; returns the next token.</summary>
    private int InlineExports(int f, byte kind, long index)
    {
        var q = _t[f + 2].Kind == TokenKind.Id ? f + 3 : f + 2;
        while (_t.IsForm(q, "export"))
        {
            var name = ReadName(q + 2);
            Expect(q + 3, TokenKind.RightParen, "')' after the export name");
            AddExport(name, kind, index);
            q = _t.Close(q) + 1;
        }

        return q;
    }

    /// <summary>If <paramref name="q"/> opens an inline import, writes the import header and returns true.</summary>
    private bool InlineImport(ref int q, byte kind)
    {
        if (!_t.IsForm(q, "import"))
        {
            return false;
        }

        Expect(q + 2, TokenKind.String, "the module name of the import");
        Expect(q + 3, TokenKind.String, "the field name of the import");
        Expect(q + 4, TokenKind.RightParen, "')' after the import names");
        var imports = Sec(2);
        imports.Count++;
        imports.Body.WriteVector(ReadName(q + 2));
        imports.Body.WriteVector(ReadName(q + 3));
        imports.Body.WriteByte(kind);
        q = _t.Close(q) + 1;
        return true;
    }

    private void EncodeImport(int f, int close)
    {
        var q = f + 2;
        var imports = Sec(2);
        imports.Count++;
        imports.Body.WriteVector(ReadName(q));
        imports.Body.WriteVector(ReadName(q + 1));
        q += 2;
        var desc = q;
        var descClose = _t.Close(desc);
        var kind = _t.String(desc + 1);
        q = desc + 2;
        if (_t[q].Kind == TokenKind.Id)
        {
            q++;
        }

        imports.Body.WriteByte(ExternKindOf(kind));
        switch (kind)
        {
            case "func":
            {
                var use = ParseTypeUse(ref q, new IndexSpace("parameter"));
                imports.Body.WriteU64((ulong)ResolveFuncType(use));
                _funcCursor++;
                break;
            }

            case "table":
                ParseTableType(ref q, imports.Body);
                _tableCursor++;
                break;
            case "memory":
                SkipIndexType(ref q);
                ParseLimits(ref q, imports.Body);
                _memoryCursor++;
                break;
            default:
                ParseGlobalType(ref q, imports.Body);
                _globalCursor++;
                break;
        }

        Expect(q, TokenKind.RightParen, "')' after the import description");
        if (descClose + 1 != close)
        {
            throw Error(descClose + 1, $"expected ')' after the import, found {Describe(descClose + 1)}");
        }
    }

    private void EncodeTable(int f, int close)
    {
        var index = _tableCursor++;
        var q = InlineExports(f, 1, index);
        if (InlineImport(ref q, 1))
        {
            ParseTableType(ref q, Sec(2).Body);
            Expect(q, TokenKind.RightParen, "')' after the table type");
            return;
        }

        var tables = Sec(4);
        if (_t[q].Kind == TokenKind.Keyword && _t.IsForm(q + 1, "elem"))
        {
            // (table reftype (elem ...)): limits from the element count, plus an active segment at offset 0.
            var refType = ParseRefType(q);
            var elemForm = q + 1;
            var elemClose = _t.Close(elemForm);
            var segment = new ByteBuffer();
            var count = ParseElemList(elemForm + 2, elemClose, refType, segment, out var allRefFunc, bareIndices: true);
            tables.Count++;
            tables.Body.WriteByte(refType);
            tables.Body.WriteByte(1);
            tables.Body.WriteU32((uint)count);
            tables.Body.WriteU32((uint)count);
            var offset = new ByteBuffer();
            offset.WriteByte(0x41);
            offset.WriteByte(0);
            offset.WriteByte(0x0B);
            WriteElemSegment(0, index, offset, refType, allRefFunc, count, segment);
            Expect(elemClose + 1, TokenKind.RightParen, "')' after the table");
            return;
        }

        tables.Count++;
        ParseTableType(ref q, tables.Body);
        if (q != close)
        {
            throw Error(q, $"expected ')' after the table type, found {Describe(q)}");
        }
    }

    private void EncodeMemory(int f, int close)
    {
        var index = _memoryCursor++;
        var q = InlineExports(f, 2, index);
        if (InlineImport(ref q, 2))
        {
            SkipIndexType(ref q);
            ParseLimits(ref q, Sec(2).Body);
            Expect(q, TokenKind.RightParen, "')' after the memory limits");
            return;
        }

        var memories = Sec(5);
        memories.Count++;
        if (_t.IsForm(q, "data"))
        {
            var dataClose = _t.Close(q);
            var bytes = ReadString(q + 2, dataClose);
            var pages = (bytes.Length + 65535L) / 65536;
            memories.Body.WriteByte(1);
            memories.Body.WriteU64((ulong)pages);
            memories.Body.WriteU64((ulong)pages);
            var data = Sec(11);
            data.Count++;
            if (index != 0)
            {
                data.Body.WriteByte(2);
                data.Body.WriteU32((uint)index);
            }
            else
            {
                data.Body.WriteByte(0);
            }

            data.Body.WriteByte(0x41);
            data.Body.WriteByte(0);
            data.Body.WriteByte(0x0B);
            data.Body.WriteVector(bytes);
            Expect(dataClose + 1, TokenKind.RightParen, "')' after the memory");
            return;
        }

        SkipIndexType(ref q);
        ParseLimits(ref q, memories.Body);
        if (q != close)
        {
            throw Error(q, $"expected ')' after the memory limits, found {Describe(q)}");
        }
    }

    /// <summary>Skips the memory index type 'i32' (the only one without memory64), as wat2wasm accepts it.</summary>
    private void SkipIndexType(ref int q)
    {
        if (_t.IsKeyword(q, "i32"))
        {
            q++;
        }
    }

    private void EncodeGlobal(int f, int close)
    {
        var index = _globalCursor++;
        var q = InlineExports(f, 3, index);
        if (InlineImport(ref q, 3))
        {
            ParseGlobalType(ref q, Sec(2).Body);
            Expect(q, TokenKind.RightParen, "')' after the global type");
            return;
        }

        var globals = Sec(6);
        globals.Count++;
        ParseGlobalType(ref q, globals.Body);
        ParseExpression(q, close, globals.Body, null);
        globals.Body.WriteByte(0x0B);
    }

    private void EncodeFunc(int f, int close)
    {
        var index = _funcCursor++;
        var q = InlineExports(f, 0, index);
        if (InlineImport(ref q, 0))
        {
            var importUse = ParseTypeUse(ref q, new IndexSpace("parameter"));
            Sec(2).Body.WriteU64((ulong)ResolveFuncType(importUse));
            Expect(q, TokenKind.RightParen, "')' after the imported function's type");
            return;
        }

        var locals = new IndexSpace("local");
        var use = ParseTypeUse(ref q, locals);
        var typeIndex = ResolveFuncType(use);
        if (!use.HasInline && typeIndex < _typeSigs.Count)
        {
            // As wat2wasm: a type index past the type section declares no parameters (validation rejects it later).
            locals.Count = _typeSigs[(int)typeIndex].Params.Count;
        }

        var localTypes = new List<byte>();
        while (_t.IsForm(q, "local"))
        {
            var localClose = _t.Close(q);
            var r = q + 2;
            if (_t[r].Kind == TokenKind.Id)
            {
                if (!locals.TryAdd(_t.String(r)))
                {
                    throw Error(r, $"duplicate local name {_t.String(r)}");
                }

                localTypes.Add(ParseValueType(r + 1));
                Expect(r + 2, TokenKind.RightParen, "')' after a named local (one type per name)");
            }
            else
            {
                for (; r < localClose; r++)
                {
                    localTypes.Add(ParseValueType(r));
                    locals.TryAdd(null);
                }
            }

            q = localClose + 1;
        }

        var functions = Sec(3);
        functions.Count++;
        functions.Body.WriteU64((ulong)typeIndex);

        var body = new ByteBuffer();
        var groups = 0;
        for (var i = 0; i < localTypes.Count; i++)
        {
            if (i == 0 || localTypes[i] != localTypes[i - 1])
            {
                groups++;
            }
        }

        body.WriteU32((uint)groups);
        for (var i = 0; i < localTypes.Count;)
        {
            var j = i;
            while (j < localTypes.Count && localTypes[j] == localTypes[i])
            {
                j++;
            }

            body.WriteU32((uint)(j - i));
            body.WriteByte(localTypes[i]);
            i = j;
        }

        ParseExpression(q, close, body, locals);
        body.WriteByte(0x0B);
        var code = Sec(10);
        code.Count++;
        code.Body.WriteU32((uint)body.Length);
        code.Body.Write(body.Span);
    }
}
