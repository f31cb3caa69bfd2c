using System.Globalization;

namespace WasGo.Scripting;

/// <summary>A call's failure, as its caller sees it.</summary>
/// <param name="Code">What kind of failure.</param>
/// <param name="Message">What happened, for a person.</param>
public sealed record ScriptError(ScriptErrorCode Code, string Message)
{
    /// <summary>Gets the ABI's name of the code (<c>unknown_method</c>, <c>bad_arguments</c>, …).</summary>
    public string CodeName => Code switch
    {
        ScriptErrorCode.UnknownMethod => "unknown_method",
        ScriptErrorCode.BadArguments => "bad_arguments",
        ScriptErrorCode.ValueTooLarge => "value_too_large",
        ScriptErrorCode.Trapped => "trapped",
        ScriptErrorCode.OutOfFuel => "out_of_fuel",
        ScriptErrorCode.TimedOut => "timed_out",
        ScriptErrorCode.LimitExceeded => "limit_exceeded",
        ScriptErrorCode.InvalidModule => "invalid_module",
        _ => "unavailable",
    };

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{CodeName}: {Message}");
}
