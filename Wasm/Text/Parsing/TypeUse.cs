using System.Collections.Generic;

namespace WasGo.Wasm.Text.Parsing;

/// <summary>A parsed type use: an optional <c>(type x)</c> and inline <c>(param)</c>/<c>(result)</c> declarations.</summary>
internal sealed class TypeUse
{
    /// <summary>The explicit type index, or -1.</summary>
    public long TypeIndex { get; set; } = -1;

    /// <summary>The token of the type use, for errors.</summary>
    public int Token { get; set; }

    /// <summary>Whether any <c>(param)</c> or <c>(result)</c> was written.</summary>
    public bool HasInline { get; set; }

    /// <summary>The inline signature.</summary>
    public FuncSig Sig { get; } = new(new List<byte>(), new List<byte>());
}
