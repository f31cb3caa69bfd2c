using System.Globalization;
using System.Text;

namespace WasGo.Scripting;

/// <summary>
/// A value that crosses the sandbox: nil, an integer, a float, a string or bytes, and nothing else.
/// </summary>
/// <remarks>Immutable. Strings are kept as UTF-8 bytes, as they are in a script's memory.</remarks>
public readonly struct ScriptValue : IEquatable<ScriptValue>
{
    private readonly long _bits;
    private readonly byte[]? _bytes;

    private ScriptValue(ScriptValueKind kind, long bits, byte[]? bytes)
    {
        Kind = kind;
        _bits = bits;
        _bytes = bytes;
    }

    /// <summary>Gets nil.</summary>
    public static ScriptValue Nil => default;

    /// <summary>Gets the kind of the value.</summary>
    public ScriptValueKind Kind { get; }

    /// <summary>Gets the length in bytes of a string or bytes value, else 0.</summary>
    public int Length => _bytes?.Length ?? 0;

    /// <summary>Makes an integer.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>The value.</returns>
    public static ScriptValue FromInteger(long value) => new(ScriptValueKind.Integer, value, null);

    /// <summary>Makes a float.</summary>
    /// <param name="value">The float.</param>
    /// <returns>The value.</returns>
    public static ScriptValue FromFloat(double value) => new(ScriptValueKind.Float, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>Makes a string.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static ScriptValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(ScriptValueKind.String, 0, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Makes a string from UTF-8 bytes (not checked: a script's text is whatever it wrote).</summary>
    /// <param name="utf8">The UTF-8 bytes; copied.</param>
    /// <returns>The value.</returns>
    public static ScriptValue FromUtf8(ReadOnlySpan<byte> utf8) => new(ScriptValueKind.String, 0, utf8.ToArray());

    /// <summary>Makes a bytes value.</summary>
    /// <param name="value">The bytes; copied.</param>
    /// <returns>The value.</returns>
    public static ScriptValue FromBytes(ReadOnlySpan<byte> value) => new(ScriptValueKind.Bytes, 0, value.ToArray());

    /// <summary>Makes the value of a .NET object: <see langword="null"/>, an integral number, a floating-point number, a string or a byte array.</summary>
    /// <param name="value">The object.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The object is of another type.</exception>
    public static ScriptValue FromObject(object? value) => value switch
    {
        null => Nil,
        ScriptValue v => v,
        long l => FromInteger(l),
        int i => FromInteger(i),
        short s => FromInteger(s),
        byte b => FromInteger(b),
        double d => FromFloat(d),
        float f => FromFloat(f),
        string s => FromString(s),
        byte[] bytes => FromBytes(bytes),
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot cross the sandbox; use null, an integer, a float, a string or a byte array.", nameof(value)),
    };

    /// <summary>Gets the integer.</summary>
    /// <returns>The integer.</returns>
    /// <exception cref="InvalidOperationException">The value is not an integer.</exception>
    public long AsInteger() => Kind == ScriptValueKind.Integer ? _bits : throw Mismatch(ScriptValueKind.Integer);

    /// <summary>Gets the float.</summary>
    /// <returns>The float.</returns>
    /// <exception cref="InvalidOperationException">The value is not a float.</exception>
    public double AsFloat() => Kind == ScriptValueKind.Float ? BitConverter.Int64BitsToDouble(_bits) : throw Mismatch(ScriptValueKind.Float);

    /// <summary>Gets the text of a string (invalid UTF-8 is replaced).</summary>
    /// <returns>The text.</returns>
    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public string AsString() => Kind == ScriptValueKind.String ? Encoding.UTF8.GetString(_bytes!) : throw Mismatch(ScriptValueKind.String);

    /// <summary>Gets the bytes of a string or bytes value, without a copy.</summary>
    /// <returns>The bytes.</returns>
    /// <exception cref="InvalidOperationException">The value is neither a string nor bytes.</exception>
    public ReadOnlySpan<byte> AsSpan() => _bytes is not null ? _bytes : throw Mismatch(ScriptValueKind.Bytes);

    /// <summary>Gets the value as a .NET object: <see langword="null"/>, <see cref="long"/>, <see cref="double"/>, <see cref="string"/> or a byte array.</summary>
    /// <returns>The object.</returns>
    public object? ToObject() => Kind switch
    {
        ScriptValueKind.Integer => _bits,
        ScriptValueKind.Float => AsFloat(),
        ScriptValueKind.String => AsString(),
        ScriptValueKind.Bytes => _bytes!.ToArray(),
        _ => null,
    };

    /// <summary>Compares two values: same kind and same contents (floats by their bits).</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(ScriptValue left, ScriptValue right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ScriptValue left, ScriptValue right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ScriptValue other) =>
        Kind == other.Kind && _bits == other._bits && (_bytes is null ? other._bytes is null : other._bytes is not null && _bytes.AsSpan().SequenceEqual(other._bytes));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ScriptValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Kind);
        hash.Add(_bits);
        if (_bytes is not null)
        {
            hash.AddBytes(_bytes);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ScriptValueKind.Integer => _bits.ToString(CultureInfo.InvariantCulture),
        ScriptValueKind.Float => AsFloat().ToString("R", CultureInfo.InvariantCulture),
        ScriptValueKind.String => "\"" + AsString() + "\"",
        ScriptValueKind.Bytes => "0x" + Convert.ToHexString(_bytes!),
        _ => "nil",
    };

    private InvalidOperationException Mismatch(ScriptValueKind wanted) => new($"The value is {Kind}, not {wanted}.");
}
