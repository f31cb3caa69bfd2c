using System;
using System.Diagnostics;
using WasGo.Wasm.Runtime;

namespace WasGo.Wasm;

/// <summary>A global variable: exported by an instance, or created by the host to be imported.</summary>
/// <remarks>Use from one thread at a time, with the store.</remarks>
[DebuggerDisplay("Global {Type.Kind} = {GetValue()}")]
public sealed class Global
{
    /// <summary>Creates a global in a store.</summary>
    /// <param name="store">The owning store.</param>
    /// <param name="value">The initial value; its kind is the global's type.</param>
    /// <param name="mutable">Whether wasm code may set it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public Global(Store store, ValueBox value, bool mutable)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        Instance = new GlobalInstance(new GlobalType(value.Kind, mutable));
        Write(value);
    }

    internal Global(Store store, GlobalInstance instance)
    {
        Store = store;
        Instance = instance;
    }

    /// <summary>The type of the global.</summary>
    public GlobalType Type => Instance.Type;

    internal Store Store { get; }

    internal GlobalInstance Instance { get; }

    /// <summary>Reads the value.</summary>
    /// <returns>The current value.</returns>
    public ValueBox GetValue() => Read(Instance);

    /// <summary>Sets the value.</summary>
    /// <param name="value">The new value, of the global's type.</param>
    /// <exception cref="InvalidOperationException">The global is immutable.</exception>
    /// <exception cref="ArgumentException">The value has another type.</exception>
    public void SetValue(ValueBox value)
    {
        if (!Type.Mutable)
        {
            throw new InvalidOperationException("the global is immutable");
        }

        Write(value);
    }

    internal static ValueBox Read(GlobalInstance instance) => instance.Type.Kind switch
    {
        ValueKind.Int32 => new ValueBox(ValueKind.Int32, (int)instance.Bits, null),
        ValueKind.Float32 => new ValueBox(ValueKind.Float32, (int)instance.Bits, null),
        ValueKind.FuncRef or ValueKind.ExternRef => new ValueBox(instance.Type.Kind, 0, instance.Reference),
        _ => new ValueBox(instance.Type.Kind, instance.Bits, null),
    };

    private void Write(ValueBox value)
    {
        if (value.Kind != Type.Kind)
        {
            throw new ArgumentException($"the value is {value.Kind}, the global is {Type.Kind}", nameof(value));
        }

        Instance.Bits = value.Bits;
        Instance.Reference = value.Reference;
    }
}
