using System;

namespace WasGo.Wasm;

/// <summary>
/// A WebAssembly value of any type, for untyped calls (<see cref="Function.Invoke(ValueBox[])"/>) and
/// globals. Numbers are held as their raw bits, so NaN payloads survive a round trip.
/// </summary>
public readonly struct ValueBox : IEquatable<ValueBox>
{
    internal ValueBox(ValueKind kind, long bits, object? reference)
    {
        Kind = kind;
        Bits = bits;
        Reference = reference;
    }

    /// <summary>The type of the value.</summary>
    public ValueKind Kind { get; }

    internal long Bits { get; }

    internal object? Reference { get; }

    /// <summary>Wraps an <c>i32</c>.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator ValueBox(int value) => FromInt32(value);

    /// <summary>Wraps an <c>i64</c>.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator ValueBox(long value) => FromInt64(value);

    /// <summary>Wraps an <c>f32</c>.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator ValueBox(float value) => FromSingle(value);

    /// <summary>Wraps an <c>f64</c>.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator ValueBox(double value) => FromDouble(value);

    /// <summary>Compares two values by type and bits.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(ValueBox left, ValueBox right) => left.Equals(right);

    /// <summary>Compares two values by type and bits.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(ValueBox left, ValueBox right) => !left.Equals(right);

    /// <summary>Wraps an <c>i32</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The boxed value.</returns>
    public static ValueBox FromInt32(int value) => new(ValueKind.Int32, value, null);

    /// <summary>Wraps an <c>i64</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The boxed value.</returns>
    public static ValueBox FromInt64(long value) => new(ValueKind.Int64, value, null);

    /// <summary>Wraps an <c>f32</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The boxed value.</returns>
    public static ValueBox FromSingle(float value) => new(ValueKind.Float32, BitConverter.SingleToInt32Bits(value), null);

    /// <summary>Wraps an <c>f64</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The boxed value.</returns>
    public static ValueBox FromDouble(double value) => new(ValueKind.Float64, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>Wraps an <c>f32</c> given by its bit pattern (keeps NaN payloads exactly).</summary>
    /// <param name="bits">The IEEE 754 bits.</param>
    /// <returns>The boxed value.</returns>
    public static ValueBox FromSingleBits(int bits) => new(ValueKind.Float32, bits, null);

    /// <summary>Wraps an <c>f64</c> given by its bit pattern (keeps NaN payloads exactly).</summary>
    /// <param name="bits">The IEEE 754 bits.</param>
    /// <returns>The boxed value.</returns>
    public static ValueBox FromDoubleBits(long bits) => new(ValueKind.Float64, bits, null);

    /// <summary>Wraps a host reference as an <c>externref</c> (null is <c>ref.null extern</c>).</summary>
    /// <param name="value">The host object.</param>
    /// <returns>The boxed value.</returns>
    public static ValueBox FromExternRef(object? value) => new(ValueKind.ExternRef, 0, value);

    /// <summary>Wraps a function as a <c>funcref</c> (null is <c>ref.null func</c>).</summary>
    /// <param name="function">The function.</param>
    /// <returns>The boxed value.</returns>
    public static ValueBox FromFuncRef(Function? function) => new(ValueKind.FuncRef, 0, function?.Instance);

    /// <summary>The value as an <c>i32</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another type.</exception>
    public int ToInt32() => Kind == ValueKind.Int32 ? (int)Bits : throw Mismatch(ValueKind.Int32);

    /// <summary>The value as an <c>i64</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another type.</exception>
    public long ToInt64() => Kind == ValueKind.Int64 ? Bits : throw Mismatch(ValueKind.Int64);

    /// <summary>The value as an <c>f32</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another type.</exception>
    public float ToSingle() => Kind == ValueKind.Float32 ? BitConverter.Int32BitsToSingle((int)Bits) : throw Mismatch(ValueKind.Float32);

    /// <summary>The value as an <c>f64</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another type.</exception>
    public double ToDouble() => Kind == ValueKind.Float64 ? BitConverter.Int64BitsToDouble(Bits) : throw Mismatch(ValueKind.Float64);

    /// <summary>The raw bits of a numeric value (f32 bits in the low 32 bits).</summary>
    /// <returns>The bits.</returns>
    public long ToBits() => Bits;

    /// <summary>The host object of an <c>externref</c>, or null.</summary>
    /// <returns>The object.</returns>
    /// <exception cref="InvalidOperationException">The value is not an externref.</exception>
    public object? ToExternRef() => Kind == ValueKind.ExternRef ? Reference : throw Mismatch(ValueKind.ExternRef);

    /// <summary>
    /// The value as a .NET object: int, long, float, double, the externref's object, null for a null
    /// reference, and an opaque handle for a non-null funcref (pass the box itself back to wasm).
    /// </summary>
    /// <returns>The boxed .NET value.</returns>
    public object? ToObject() => Kind switch
    {
        ValueKind.Int32 => (int)Bits,
        ValueKind.Int64 => Bits,
        ValueKind.Float32 => BitConverter.Int32BitsToSingle((int)Bits),
        ValueKind.Float64 => BitConverter.Int64BitsToDouble(Bits),
        _ => Reference,
    };

    /// <inheritdoc/>
    public bool Equals(ValueBox other) => Kind == other.Kind && Bits == other.Bits && ReferenceEquals(Reference, other.Reference);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValueBox other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Bits, Reference);

    /// <inheritdoc/>
    public override string ToString() => $"{Kind}:{ToObject() ?? "null"}";

    private InvalidOperationException Mismatch(ValueKind expected) => new($"the value is {Kind}, not {expected}");
}
