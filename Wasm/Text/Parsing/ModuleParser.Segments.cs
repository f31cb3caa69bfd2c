using WasGo.Wasm.Text.Binary;
using WasGo.Wasm.Text.Lexing;

namespace WasGo.Wasm.Text.Parsing;

/// <summary>Element and data segments, in all their active, passive and declarative forms.</summary>
internal sealed partial class ModuleParser
{
    private const byte SegPassive = 1;
    private const byte SegExplicitIndex = 2;
    private const byte SegUseElemExprs = 4;

    /// <summary>
    /// Reads the optional table or memory right after <c>elem</c>/<c>data</c>: an index, or an id the
    /// pre-pass found to name the target rather than the segment (<paramref name="idNamesTarget"/>).
    /// </summary>
    private (long Index, bool Active, int Next) SegmentTarget(int q, HashSet<int> idNamesTarget, IndexSpace space)
    {
        if (_t[q].Kind == TokenKind.Number || (_t[q].Kind == TokenKind.Id && idNamesTarget.Contains(q)))
        {
            return (Resolve(space, q), true, q + 1);
        }

        return (0, false, _t[q].Kind == TokenKind.Id ? q + 1 : q);
    }

    private void EncodeElem(int f, int close)
    {
        var (table, active, q) = SegmentTarget(f + 2, _elemIdIsTable, _tables);
        var declared = false;

        if (_t.IsKeyword(q, "declare"))
        {
            declared = true;
            q++;
        }

        if (_t.IsForm(q, "table"))
        {
            table = Resolve(_tables, q + 2);
            Expect(q + 3, TokenKind.RightParen, "')' after the table index");
            q += 4;
            active = true;
        }

        var offset = new ByteBuffer();
        if (!declared && _t[q].Kind == TokenKind.LeftParen && !_t.IsForm(q, "item"))
        {
            var offsetClose = _t.Close(q);
            if (_t.IsForm(q, "offset"))
            {
                ParseExpression(q + 2, offsetClose, offset, null);
            }
            else
            {
                ParseExpression(q, offsetClose + 1, offset, null);
            }

            offset.WriteByte(0x0B);
            q = offsetClose + 1;
            active = true;
        }
        else if (active)
        {
            throw Error(q, $"expected the offset of the active element segment, found {Describe(q)}");
        }

        byte refType = 0x70;
        var bare = false;
        if (_t.IsKeyword(q, "func"))
        {
            q++;
            bare = true;
        }
        else if (_t.IsKeyword(q, "funcref") || _t.IsKeyword(q, "externref"))
        {
            refType = ParseRefType(q);
            q++;
        }
        else if (active || q == close)
        {
            // '(elem $e)' with no list at all: wat2wasm reads an empty passive function list.
            bare = true;
        }
        else
        {
            throw Error(q, $"expected 'func' or a reference type before the elements, found {Describe(q)}");
        }

        var elements = new ByteBuffer();
        if (bare && q < close && !IsIndex(q))
        {
            throw Error(q, $"expected a function index or name, found {Describe(q)} (expressions need a reference type: 'funcref (ref.func $f)')");
        }

        var count = ParseElemList(q, close, refType, elements, out var allRefFunc, bare);
        var flags = (byte)(active ? 0 : declared ? SegPassive | SegExplicitIndex : SegPassive);
        WriteElemSegment(flags, table, offset, refType, allRefFunc, count, elements);
    }

    /// <summary>
    /// Parses the elements up to <paramref name="end"/>: function indices when <paramref name="bareIndices"/> (and the list
    /// starts with one), else expressions. Writes each as an expression (with its <c>end</c>) and returns the count.
    /// </summary>
    private int ParseElemList(int q, int end, byte refType, ByteBuffer output, out bool allRefFunc, bool bareIndices)
    {
        allRefFunc = refType == 0x70;
        var count = 0;
        if (bareIndices && (q == end || IsIndex(q)))
        {
            for (; q < end; q++)
            {
                var index = Resolve(_funcs, q);
                output.WriteByte(0xD2);
                output.WriteU64((ulong)index);
                output.WriteByte(0x0B);
                count++;
            }

            return count;
        }

        if (_t.IsKeyword(q, "funcref") || _t.IsKeyword(q, "externref"))
        {
            // (table funcref (elem funcref (ref.func 0) ...)) is not valid; only in '(elem ...)' the type comes first.
            throw Error(q, "unexpected reference type inside the element list");
        }

        while (q < end)
        {
            if (_t[q].Kind != TokenKind.LeftParen)
            {
                throw Error(q, $"expected an element expression such as '(ref.func $f)' or '(item ...)', found {Describe(q)}");
            }

            var exprClose = _t.Close(q);
            var start = output.Length;
            int instructions;
            if (_t.IsForm(q, "item"))
            {
                instructions = ParseExpression(q + 2, exprClose, output, null);
            }
            else
            {
                instructions = ParseExpression(q, exprClose + 1, output, null);
            }

            if (instructions != 1 || output.Span[start] != 0xD2)
            {
                allRefFunc = false;
            }

            output.WriteByte(0x0B);
            count++;
            q = exprClose + 1;
        }

        return count;
    }

    /// <summary>Writes an element segment with the flags wat2wasm chooses.</summary>
    private void WriteElemSegment(byte flags, long table, ByteBuffer offset, byte refType, bool allRefFunc, int count, ByteBuffer elements)
    {
        if ((flags & SegPassive) == 0 && (table != 0 || refType != 0x70))
        {
            // As wat2wasm: the explicit form also when the element type is not funcref.
            flags |= SegExplicitIndex;
        }

        if (!allRefFunc)
        {
            flags |= SegUseElemExprs;
        }

        var section = Sec(9);
        section.Count++;
        var body = section.Body;
        body.WriteByte(flags);
        if ((flags & SegPassive) == 0 && (flags & SegExplicitIndex) != 0)
        {
            body.WriteU64((ulong)table);
        }

        if ((flags & SegPassive) == 0)
        {
            body.Write(offset.Span);
        }

        if ((flags & (SegPassive | SegExplicitIndex)) != 0)
        {
            body.WriteByte((flags & SegUseElemExprs) != 0 ? refType : (byte)0);
        }

        body.WriteU32((uint)count);
        if ((flags & SegUseElemExprs) != 0)
        {
            body.Write(elements.Span);
            return;
        }

        // Function indices only: drop each expression's ref.func opcode and end.
        var span = elements.Span;
        for (var i = 0; i < span.Length;)
        {
            i++;
            while ((span[i] & 0x80) != 0)
            {
                body.WriteByte(span[i++]);
            }

            body.WriteByte(span[i++]);
            i++;
        }
    }

    private void EncodeData(int f, int close)
    {
        var (memory, active, q) = SegmentTarget(f + 2, _dataIdIsMemory, _memories);

        if (_t.IsForm(q, "memory"))
        {
            memory = Resolve(_memories, q + 2);
            Expect(q + 3, TokenKind.RightParen, "')' after the memory index");
            q += 4;
            active = true;
        }

        var offset = new ByteBuffer();
        if (_t[q].Kind == TokenKind.LeftParen)
        {
            var offsetClose = _t.Close(q);
            if (_t.IsForm(q, "offset"))
            {
                ParseExpression(q + 2, offsetClose, offset, null);
            }
            else
            {
                ParseExpression(q, offsetClose + 1, offset, null);
            }

            offset.WriteByte(0x0B);
            q = offsetClose + 1;
            active = true;
        }
        else if (active)
        {
            throw Error(q, $"expected the offset of the active data segment, found {Describe(q)}");
        }

        var bytes = ReadString(q, close);
        var section = Sec(11);
        section.Count++;
        var body = section.Body;
        if (!active)
        {
            body.WriteByte(SegPassive);
        }
        else if (memory != 0)
        {
            body.WriteByte(SegExplicitIndex);
            body.WriteU64((ulong)memory);
            body.Write(offset.Span);
        }
        else
        {
            body.WriteByte(0);
            body.Write(offset.Span);
        }

        body.WriteVector(bytes);
    }
}
