using System.Globalization;
using System.Text.RegularExpressions;

namespace WasGo.Persistence;

/// <summary>
/// libSQL's function statements, which SQLite itself does not know:
/// <c>CREATE FUNCTION [IF NOT EXISTS] name LANGUAGE wasm AS X'hex' | 'text module'</c> and
/// <c>DROP FUNCTION [IF EXISTS] name</c>.
/// </summary>
internal sealed partial record WasmFunctionStatement(bool IsCreate, bool Conditional, string Name, string? Body)
{
    public static WasmFunctionStatement? TryParse(string sql)
    {
        Match create = CreatePattern().Match(sql);
        if (create.Success)
        {
            string body = create.Groups["hex"].Success
                ? create.Groups["hex"].Value.ToLowerInvariant()
                : create.Groups["text"].Value.Replace("''", "'", StringComparison.Ordinal);
            return new WasmFunctionStatement(true, create.Groups["ifnot"].Success, create.Groups["name"].Value, body);
        }

        Match drop = DropPattern().Match(sql);
        return drop.Success ? new WasmFunctionStatement(false, drop.Groups["if"].Success, drop.Groups["name"].Value, null) : null;
    }

    /// <summary>Turns a stored body (hex of a binary module, or a text module) into module bytes.</summary>
    /// <exception cref="FormatException">The hex has an odd number of digits.</exception>
    /// <exception cref="Wasmtime.WasmtimeException">The text module does not parse.</exception>
    public static byte[] ModuleBytes(string body)
    {
        string trimmed = body.TrimStart();
        if (trimmed.StartsWith('('))
        {
            return Wasmtime.Module.ConvertText(trimmed);
        }

        if (body.Length % 2 != 0)
        {
            throw new FormatException($"The function body has {body.Length} hex digits; a binary module needs an even number.");
        }

        return Convert.FromHexString(body);
    }

    [GeneratedRegex(@"^\s*CREATE\s+FUNCTION\s+(?<ifnot>IF\s+NOT\s+EXISTS\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\s+LANGUAGE\s+wasm\s+AS\s+(?:[Xx]'(?<hex>[0-9A-Fa-f]*)'|'(?<text>(?:[^']|'')*)')\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CreatePattern();

    [GeneratedRegex(@"^\s*DROP\s+FUNCTION\s+(?<if>IF\s+EXISTS\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropPattern();

    public override string ToString() => IsCreate
        ? string.Create(CultureInfo.InvariantCulture, $"CREATE FUNCTION {Name}")
        : string.Create(CultureInfo.InvariantCulture, $"DROP FUNCTION {Name}");
}
