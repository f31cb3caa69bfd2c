using System;
using System.Diagnostics;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm;

/// <summary>A table of references: exported by an instance, or created by the host to be imported.</summary>
/// <remarks>Use from one thread at a time, with the store.</remarks>
[DebuggerDisplay("Table {Type.Element} x {Size}")]
public sealed class Table
{
    /// <summary>Creates a table in a store.</summary>
    /// <param name="store">The owning store.</param>
    /// <param name="element">The element type (<see cref="ValueKind.FuncRef"/> or <see cref="ValueKind.ExternRef"/>).</param>
    /// <param name="minimum">The initial number of elements (all null).</param>
    /// <param name="maximum">The maximum number of elements, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The type or limits are out of range.</exception>
    public Table(Store store, ValueKind element, long minimum, long? maximum = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (element is not (ValueKind.FuncRef or ValueKind.ExternRef))
        {
            throw new ArgumentOutOfRangeException(nameof(element), $"element is {element}; a table holds FuncRef or ExternRef");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        if (maximum is { } max && max < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), $"maximum is {max}; it must be at least the minimum {minimum}");
        }

        Store = store;
        Instance = store.CreateTable(new TableType(element, minimum, maximum), null);
    }

    internal Table(Store store, TableInstance instance)
    {
        Store = store;
        Instance = instance;
    }

    /// <summary>The current number of elements.</summary>
    public long Size => Instance.Length;

    /// <summary>The element type and limits (the minimum is the current size).</summary>
    public TableType Type => Instance.Type;

    internal Store Store { get; }

    internal TableInstance Instance { get; }

    /// <summary>Reads an element.</summary>
    /// <param name="index">The index.</param>
    /// <returns>A <see cref="Function"/> for a function reference, the host object for an externref, or null.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the table.</exception>
    public object? GetElement(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var value = Instance.Elements[index];
        return value is FunctionInstance f ? new Function(Store, f) : value;
    }

    /// <summary>Writes an element.</summary>
    /// <param name="index">The index.</param>
    /// <param name="value">A <see cref="Function"/> (funcref tables), any object (externref tables), or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the table.</exception>
    /// <exception cref="ArgumentException">The value does not fit the element type.</exception>
    public void SetElement(long index, object? value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        Instance.Elements[index] = ToElement(value);
    }

    /// <summary>Grows the table.</summary>
    /// <param name="delta">Elements to add.</param>
    /// <param name="initial">The value of the new elements.</param>
    /// <returns>The previous size, or -1 if the table cannot grow that much.</returns>
    /// <exception cref="ArgumentException">The value does not fit the element type.</exception>
    public long Grow(long delta, object? initial) =>
        delta is < 0 or > uint.MaxValue ? -1 : Instance.Grow((int)(uint)delta, ToElement(initial));

    private object? ToElement(object? value) => Type.Element switch
    {
        ValueKind.FuncRef => value switch
        {
            null => null,
            Function f => f.Instance,
            _ => throw new ArgumentException($"a funcref table holds functions, not {value.GetType().Name}", nameof(value)),
        },
        _ => value,
    };
}
