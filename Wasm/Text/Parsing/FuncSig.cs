using System;
using System.Collections.Generic;

namespace WasGo.Wasm.Text.Parsing;

/// <summary>A function signature: parameter and result value types as their binary codes.</summary>
internal sealed class FuncSig : IEquatable<FuncSig>
{
    /// <summary>Creates a signature.</summary>
    public FuncSig(List<byte> parameters, List<byte> results)
    {
        Params = parameters;
        Results = results;
    }

    /// <summary>The parameter types.</summary>
    public List<byte> Params { get; }

    /// <summary>The result types.</summary>
    public List<byte> Results { get; }

    /// <inheritdoc/>
    public bool Equals(FuncSig? other) =>
        other is not null
        && System.Linq.Enumerable.SequenceEqual(Params, other.Params)
        && System.Linq.Enumerable.SequenceEqual(Results, other.Results);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FuncSig);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Params.Count);
        foreach (var type in Params)
        {
            hash.Add(type);
        }

        foreach (var type in Results)
        {
            hash.Add(type);
        }

        return hash.ToHashCode();
    }
}
