namespace WasGo.Scripting;

/// <summary>The outcome of a call to an entity: a value, or an error.</summary>
/// <param name="Value">The value returned (nil on error).</param>
/// <param name="Error">The error, or <see langword="null"/> on success.</param>
public sealed record CallResult(ScriptValue Value, ScriptError? Error)
{
    // Immutable, and what most notifications return: one for all of them.
    private static readonly CallResult s_nil = new(ScriptValue.Nil, null);

    /// <summary>Gets whether the call succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>Makes a success.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CallResult Success(ScriptValue value) => value.Kind == ScriptValueKind.Nil ? s_nil : new(value, null);

    /// <summary>Makes a failure.</summary>
    /// <param name="code">What kind.</param>
    /// <param name="message">What happened.</param>
    /// <returns>The result.</returns>
    public static CallResult Failure(ScriptErrorCode code, string message) => new(ScriptValue.Nil, new ScriptError(code, message));
}
