using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace WasGo.Host.Http.Json;

/// <summary>
/// Finds a string or field name in a request's JSON that is not Unicode text: bytes that are not
/// UTF-8, or a <c>\uD800</c>–<c>\uDFFF</c> escape without its pair. The parser lets both through
/// (it decodes strings only when they are read), so every body is checked once, here, before any
/// field is read, and the 400 names where the bad text is.
/// </summary>
internal static class JsonText
{
    private const string Advice = "send JSON as UTF-8, with \\u escapes only of whole characters (a surrogate pair together).";

    /// <summary>Says where the first string or field name that is not text is and what is wrong with it, or null if every one is text.</summary>
    public static string? ProblemIn(JsonElement root) => Find(root, path: null);

    private static string? Find(JsonElement element, string? path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Problem(Unquoted(JsonMarshal.GetRawUtf8Value(element)), () => element.GetString()) is { } wrong
                    ? $"{Where(path)} is not valid text: it {wrong}; {Advice}"
                    : null;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (Problem(Unquoted(JsonMarshal.GetRawUtf8PropertyName(property)), () => property.Name) is { } badName)
                    {
                        return $"A field name in {(path is null ? "the body" : path)} is not valid text: it {badName}; {Advice}";
                    }

                    if (Find(property.Value, path is null ? property.Name : path + "." + property.Name) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (Find(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]")) is { } found)
                    {
                        return found;
                    }

                    index++;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>What is wrong with a string as it stands in the JSON (still escaped), or null if it is text.</summary>
    private static string? Problem(ReadOnlySpan<byte> raw, Func<string?> decode)
    {
        if (!Utf8.IsValid(raw))
        {
            return "holds bytes that are not UTF-8";
        }

        if (raw.Contains((byte)'\\'))
        {
            try
            {
                // Only an escape can still be wrong: decoding it is the check (and the rare case).
                decode();
            }
            catch (InvalidOperationException)
            {
                return "holds a \\u escape of half a surrogate pair";
            }
        }

        return null;
    }

    private static ReadOnlySpan<byte> Unquoted(ReadOnlySpan<byte> raw) =>
        raw.Length >= 2 && raw[0] == (byte)'"' && raw[^1] == (byte)'"' ? raw[1..^1] : raw;

    /// <summary>A top-level field as "The field 'id'", a nested value by its path ("args[0]", "args[1].bytes").</summary>
    private static string Where(string? path) => path is null ? "The body" : path.Contains('[') || path.Contains('.') ? path : $"The field '{path}'";
}
