using System.Collections.Generic;
using WasGo.Wasm.Text.Binary;
using WasGo.Wasm.Text.Lexing;

namespace WasGo.Wasm.Text.Parsing;

/// <summary>Types, limits, names, literals and errors.</summary>
internal sealed partial class ModuleParser
{
    private WatException Error(int token, string message)
    {
        var t = _t[token < 0 ? 0 : token];
        return new WatException(message, t.Line, t.Column);
    }

    private string Describe(int token)
    {
        var t = _t[token];
        return t.Kind switch
        {
            TokenKind.End => "the end of the text",
            TokenKind.String => "a string",
            _ => $"'{(t.Length > 40 ? _t.String(token)[..40] + "..." : _t.String(token))}'",
        };
    }

    private void Expect(int token, TokenKind kind, string what)
    {
        if (_t[token].Kind != kind)
        {
            throw Error(token, $"expected {what}, found {Describe(token)}");
        }
    }

    /// <summary>Concatenates the string tokens from <paramref name="first"/> up to <paramref name="end"/> (exclusive).</summary>
    private byte[] ReadString(int first, int end)
    {
        var buffer = new ByteBuffer();
        for (var q = first; q < end; q++)
        {
            Expect(q, TokenKind.String, "a string");
            StringLiteral.Decode(_t.Span(q), buffer);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads an import or export name: one string token that must be valid UTF-8.</summary>
    private byte[] ReadName(int token)
    {
        Expect(token, TokenKind.String, "a name string");
        var bytes = ReadString(token, token + 1);
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return bytes;
        }

        throw Error(token, "malformed UTF-8 encoding in a name");
    }

    /// <summary>Resolves an index (a number or a <c>$name</c>) in <paramref name="space"/>.</summary>
    private long Resolve(IndexSpace space, int token)
    {
        var t = _t[token];
        if (t.Kind == TokenKind.Id)
        {
            if (!space.TryGet(_t.String(token), out var index))
            {
                throw Error(token, $"undefined {space.What} {_t.String(token)}");
            }

            return index;
        }

        return ParseU32(token, $"a {space.What} index or name");
    }

    private bool IsIndex(int token) => _t[token].Kind is TokenKind.Id or TokenKind.Number;

    private uint ParseU32(int token, string what)
    {
        if (_t[token].Kind != TokenKind.Number || !NumberLiteral.TryParseUnsigned(_t.Span(token), uint.MaxValue, out var value))
        {
            throw Error(token, $"expected {what}, found {Describe(token)}");
        }

        return (uint)value;
    }

    private byte ParseValueType(int token)
    {
        if (_t[token].Kind == TokenKind.Keyword)
        {
            switch (_t.String(token))
            {
                case "i32": return 0x7F;
                case "i64": return 0x7E;
                case "f32": return 0x7D;
                case "f64": return 0x7C;
                case "funcref": return 0x70;
                case "externref": return 0x6F;
                case "v128": throw Error(token, "v128 (SIMD) is not supported");
            }
        }

        throw Error(token, $"expected a value type (i32, i64, f32, f64, funcref, externref), found {Describe(token)}");
    }

    private byte ParseRefType(int token)
    {
        if (_t.IsKeyword(token, "funcref"))
        {
            return 0x70;
        }

        if (_t.IsKeyword(token, "externref"))
        {
            return 0x6F;
        }

        throw Error(token, $"expected a reference type (funcref, externref), found {Describe(token)}");
    }

    private void ParseLimits(ref int q, ByteBuffer output)
    {
        var min = ParseU32(q, "the minimum size");
        q++;
        if (_t[q].Kind == TokenKind.Number)
        {
            var max = ParseU32(q, "the maximum size");
            q++;
            output.WriteByte(1);
            output.WriteU32(min);
            output.WriteU32(max);
        }
        else
        {
            output.WriteByte(0);
            output.WriteU32(min);
        }
    }

    private void ParseTableType(ref int q, ByteBuffer output)
    {
        var limits = new ByteBuffer();
        ParseLimits(ref q, limits);
        output.WriteByte(ParseRefType(q));
        q++;
        output.Write(limits.Span);
    }

    private void ParseGlobalType(ref int q, ByteBuffer output)
    {
        if (_t.IsForm(q, "mut"))
        {
            output.WriteByte(ParseValueType(q + 2));
            output.WriteByte(1);
            Expect(q + 3, TokenKind.RightParen, "')' after the mutable global's type");
            q += 4;
        }
        else
        {
            output.WriteByte(ParseValueType(q));
            output.WriteByte(0);
            q++;
        }
    }

    /// <summary>Parses <c>(type x)? (param ...)* (result ...)*</c>; parameter names go to <paramref name="locals"/> when given.</summary>
    private TypeUse ParseTypeUse(ref int q, IndexSpace? locals)
    {
        var use = new TypeUse { Token = q };
        if (_t.IsForm(q, "type"))
        {
            use.TypeIndex = Resolve(_types, q + 2);
            Expect(q + 3, TokenKind.RightParen, "')' after the type index");
            q += 4;
        }

        ParseSignature(ref q, use, locals);
        return use;
    }

    private void ParseSignature(ref int q, TypeUse use, IndexSpace? locals)
    {
        while (_t.IsForm(q, "param"))
        {
            use.HasInline = true;
            var close = _t.Close(q);
            var r = q + 2;
            if (_t[r].Kind == TokenKind.Id)
            {
                if (locals is null)
                {
                    throw Error(r, "unexpected token: parameters of a block type or call_indirect cannot be named");
                }

                if (!locals.TryAdd(_t.String(r)))
                {
                    throw Error(r, $"duplicate parameter name {_t.String(r)}");
                }

                use.Sig.Params.Add(ParseValueType(r + 1));
                Expect(r + 2, TokenKind.RightParen, "')' after a named parameter (one type per name)");
            }
            else
            {
                for (; r < close; r++)
                {
                    use.Sig.Params.Add(ParseValueType(r));
                    locals?.TryAdd(null);
                }
            }

            q = close + 1;
        }

        while (_t.IsForm(q, "result"))
        {
            use.HasInline = true;
            var close = _t.Close(q);
            for (var r = q + 2; r < close; r++)
            {
                use.Sig.Results.Add(ParseValueType(r));
            }

            q = close + 1;
        }
    }

    /// <summary>The type index of a function's or call_indirect's type use, appending an implicit type when needed.</summary>
    private long ResolveFuncType(TypeUse use)
    {
        if (use.TypeIndex >= 0)
        {
            if (use.TypeIndex >= _typeSigs.Count)
            {
                if (use.HasInline)
                {
                    throw Error(use.Token, $"type {use.TypeIndex} is not defined, so the inline signature cannot be checked against it");
                }

                return use.TypeIndex;
            }

            if (use.HasInline && !use.Sig.Equals(_typeSigs[(int)use.TypeIndex]))
            {
                throw Error(use.Token, "the inline signature does not match the referenced type");
            }

            return use.TypeIndex;
        }

        return FindOrAddType(use.Sig);
    }

    private int FindOrAddType(FuncSig sig)
    {
        if (_firstTypeOf.TryGetValue(sig, out var index))
        {
            return index;
        }

        _firstTypeOf.Add(sig, _typeSigs.Count);
        _typeSigs.Add(sig);
        return _typeSigs.Count - 1;
    }

    /// <summary>Parses a block type (a type use without parameter names), checking an inline signature against an explicit type.</summary>
    private TypeUse ParseBlockType(ref int q)
    {
        var use = ParseTypeUse(ref q, null);
        if (use.HasInline && use.TypeIndex >= 0 && use.TypeIndex < _typeSigs.Count && !use.Sig.Equals(_typeSigs[(int)use.TypeIndex]))
        {
            throw Error(use.Token, "inline function type does not match the referenced type");
        }

        return use;
    }

    /// <summary>Writes a block type: empty, one value type, or a type index.</summary>
    private void WriteBlockType(TypeUse use, ByteBuffer output)
    {
        var sig = use.Sig;
        if (!use.HasInline && use.TypeIndex >= 0)
        {
            if (use.TypeIndex >= _typeSigs.Count)
            {
                throw Error(use.Token, $"undefined type {use.TypeIndex}");
            }

            sig = _typeSigs[(int)use.TypeIndex];
        }

        if (sig.Params.Count == 0 && sig.Results.Count <= 1)
        {
            output.WriteByte(sig.Results.Count == 0 ? (byte)0x40 : sig.Results[0]);
            return;
        }

        output.WriteS64(use.TypeIndex >= 0 ? ResolveFuncType(use) : FindOrAddType(sig));
    }

    /// <summary>Writes the type section's entries (called once all implicit types are known).</summary>
    private void WriteTypes()
    {
        var types = new Section { Count = _typeSigs.Count };
        foreach (var sig in _typeSigs)
        {
            types.Body.WriteByte(0x60);
            WriteTypeList(sig.Params, types.Body);
            WriteTypeList(sig.Results, types.Body);
        }

        _sections[1] = types;
    }

    private static void WriteTypeList(List<byte> types, ByteBuffer output)
    {
        output.WriteU32((uint)types.Count);
        foreach (var type in types)
        {
            output.WriteByte(type);
        }
    }
}
