using System.Text.Json;
using WasGo.Host.Http.Errors;

namespace WasGo.Host.Http.Json;

/// <summary>Reads the fields of a request's JSON object, refusing a missing or mistyped one with 400 that names it.</summary>
internal static class JsonFields
{
    public static string RequiredString(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out JsonElement value))
        {
            throw ApiException.BadRequest($"The field '{name}' is missing; it must be a string.");
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw ApiException.BadRequest($"The field '{name}' is {Describe(value)}; it must be a string.");
    }

    public static double? OptionalNumber(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw ApiException.BadRequest($"The field '{name}' is {Describe(value)}; it must be a number.");
        }

        // A number too large for a double (1e400) is refused here, not turned into infinity.
        return value.TryGetDouble(out double number) && double.IsFinite(number)
            ? number
            : throw ApiException.BadRequest($"The field '{name}' is {value.GetRawText()}, outside the range of a 64-bit float.");
    }

    /// <summary>Names the JSON kind of a value for a message ("a string", "an array", …).</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
