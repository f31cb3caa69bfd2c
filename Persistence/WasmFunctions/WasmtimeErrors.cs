using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Wasmtime;

namespace WasGo.Persistence;

/// <summary>
/// Wasmtime's errors as one-line reasons, for a SQL error message or a script's failure: a trap's
/// code mapped to what happened and which limit applies, in this one place; an engine error without
/// its backtrace and source diagram (the full text stays in the inner exception).
/// </summary>
internal static partial class WasmtimeErrors
{
    /// <summary>What stopped a call, as the end of "Function 'f' …".</summary>
    public static string Describe(TrapException trap, WasmFunctionOptions options) => trap.Type switch
    {
        TrapCode.OutOfFuel => string.Create(CultureInfo.InvariantCulture, $"used all its fuel ({options.FuelPerCall:N0} per call) and was stopped; it may never finish, or it needs a larger WasmFunctionOptions.FuelPerCall"),
        TrapCode.StackOverflow => string.Create(CultureInfo.InvariantCulture, $"ran out of stack ({options.MaxStackSize:N0} bytes, WasmFunctionOptions.MaxStackSize) and was stopped; its recursion is too deep"),
        _ => "trapped: " + TrapReason(trap),
    };

    /// <summary>An engine error (a module that does not parse, validate or instantiate) on one line.</summary>
    public static string Describe(WasmtimeException exception)
    {
        var reason = new StringBuilder();
        foreach (string raw in exception.Message.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line == "Caused by:" || line.StartsWith('|') || SourceLine().IsMatch(line))
            {
                continue;
            }

            Match location = Location().Match(line);
            if (location.Success)
            {
                reason.Append(CultureInfo.InvariantCulture, $" (line {location.Groups["line"].Value}, column {location.Groups["column"].Value})");
                continue;
            }

            line = Numbered().Replace(line, string.Empty);
            reason.Append(reason.Length == 0 ? string.Empty : ": ").Append(line);
        }

        return reason.Length == 0 ? exception.GetType().Name : reason.ToString();
    }

    /// <summary>What a trap was ("wasm `unreachable` instruction executed", "call stack exhausted"), without its backtrace.</summary>
    public static string TrapReason(TrapException trap)
    {
        // Wasmtime's message is a backtrace, then "Caused by:" and "wasm trap: <reason>".
        Match reason = WasmTrap().Match(trap.Message);
        return reason.Success ? reason.Groups["reason"].Value.Trim() : trap.Type.ToString();
    }

    [GeneratedRegex(@"wasm trap: (?<reason>[^\r\n]+)", RegexOptions.CultureInvariant)]
    private static partial Regex WasmTrap();

    // The text parser's " --> <anon>:1:46" under its message.
    [GeneratedRegex(@"^--> .*:(?<line>\d+):(?<column>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Location();

    // The quoted source line of the text parser's diagram: "1 | (module …".
    [GeneratedRegex(@"^\d+ \|", RegexOptions.CultureInvariant)]
    private static partial Regex SourceLine();

    // "0: WebAssembly translation error" in a chain of causes.
    [GeneratedRegex(@"^\d+: ", RegexOptions.CultureInvariant)]
    private static partial Regex Numbered();
}
