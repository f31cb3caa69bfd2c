using System.Text.RegularExpressions;

namespace WasGo.Host.Http;

/// <summary>What a world, entity or module name may be: it appears in URLs, actor names and journal ids.</summary>
internal static partial class ResourceIds
{
    public const string Rule = "1 to 64 characters of letters, digits, '-', '_' and '.', starting with a letter or digit";

    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
