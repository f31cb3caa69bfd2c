using System;

namespace WasGo.Wasm.Runtime;

/// <summary>A table of references: <see cref="FunctionInstance"/> for funcref, any object for externref, null for ref.null.</summary>
internal sealed class TableInstance
{
    public object?[] Elements;

    private readonly bool _trapOnGrowFailure;

    public TableInstance(TableType type, object? initial, long maxElements, bool trapOnGrowFailure)
    {
        _trapOnGrowFailure = trapOnGrowFailure;
        Type = type;
        Maximum = Math.Min(type.Maximum ?? uint.MaxValue, maxElements);
        if (type.Minimum > Maximum)
        {
            throw new WasmException($"table of {type.Minimum} elements exceeds the limit of {Maximum} elements");
        }

        Elements = new object?[type.Minimum];
        if (initial is not null)
        {
            Array.Fill(Elements, initial);
        }
    }

    public TableType Type { get; private set; }

    public long Maximum { get; }

    public int Length => Elements.Length;

    private int Refuse(string why) =>
        _trapOnGrowFailure ? throw new TrapException(TrapCode.ResourceLimitExceeded, why) : -1;

    public int Grow(int delta, object? initial)
    {
        var old = Elements.Length;
        var requested = (long)old + (uint)delta;
        if (requested > Maximum)
        {
            return Refuse($"growing a table to {requested} elements exceeds its limit of {Maximum} elements");
        }

        object?[] fresh;
        try
        {
            fresh = new object?[requested];
        }
        catch (OutOfMemoryException)
        {
            return Refuse($"no memory for a table of {requested} elements");
        }

        Array.Copy(Elements, fresh, old);
        if (initial is not null)
        {
            Array.Fill(fresh, initial, old, (int)(requested - old));
        }

        Elements = fresh;
        Type = Type with { Minimum = requested };
        return old;
    }
}
