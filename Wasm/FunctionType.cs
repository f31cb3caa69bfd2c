using System;
using System.Collections.Generic;
using System.Linq;

namespace WasGo.Wasm;

/// <summary>The signature of a WebAssembly function: parameter and result types.</summary>
/// <remarks>Immutable; compares by structure. Safe to share between threads.</remarks>
public sealed class FunctionType : IEquatable<FunctionType>
{
    private readonly ValueKind[] _parameters;
    private readonly ValueKind[] _results;

    /// <summary>Creates a function type.</summary>
    /// <param name="parameters">The parameter types.</param>
    /// <param name="results">The result types.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public FunctionType(IEnumerable<ValueKind> parameters, IEnumerable<ValueKind> results)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(results);
        _parameters = parameters.ToArray();
        _results = results.ToArray();
    }

    /// <summary>The parameter types.</summary>
    public IReadOnlyList<ValueKind> Parameters => _parameters;

    /// <summary>The result types.</summary>
    public IReadOnlyList<ValueKind> Results => _results;

    internal ValueKind[] ParameterArray => _parameters;

    internal ValueKind[] ResultArray => _results;

    /// <inheritdoc/>
    public bool Equals(FunctionType? other) =>
        other is not null && _parameters.AsSpan().SequenceEqual(other._parameters) && _results.AsSpan().SequenceEqual(other._results);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FunctionType);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var p in _parameters)
        {
            hash.Add(p);
        }

        hash.Add(-1);
        foreach (var r in _results)
        {
            hash.Add(r);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"({string.Join(", ", _parameters)}) -> ({string.Join(", ", _results)})";
}
