using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using WasGo.Host.Http.Errors;
using WasGo.Scripting;

namespace WasGo.Host.Http.Json;

/// <summary>
/// The JSON form of the four value types and nil: <c>null</c>; an integer number (i64); a number
/// with a fraction or exponent, or <c>{"float": n}</c> for an integral float; a string;
/// <c>{"bytes": "base64"}</c>. Floats are written with a fraction (<c>2.0</c>) so a reader can
/// tell them from integers; NaN and infinities as <c>{"float": "NaN"}</c>.
/// </summary>
internal sealed class ScriptValueJson : JsonConverter<ScriptValue>
{
    private const string BytesField = ScriptValueJsonWriter.BytesField;
    private const string FloatField = ScriptValueJsonWriter.FloatField;

    /// <summary>Reads one argument, or refuses it with 400 naming <paramref name="where"/> and what is allowed.</summary>
    public static ScriptValue FromJson(JsonElement value, string where)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return ScriptValue.Nil;
            case JsonValueKind.String:
                return ScriptValue.FromString(value.GetString()!);
            case JsonValueKind.Number:
                string raw = value.GetRawText();
                if (raw.AsSpan().IndexOfAny(".eE") < 0)
                {
                    return value.TryGetInt64(out long integer)
                        ? ScriptValue.FromInteger(integer)
                        : throw ApiException.BadRequest($"{where} is {raw}, outside the 64-bit integer range; send a float as {{\"float\": {raw}}} or a smaller integer.");
                }

                return ScriptValue.FromFloat(value.GetDouble());
            case JsonValueKind.Object:
                return FromObject(value, where);
            default:
                throw Unsupported(value, where);
        }
    }

    public override ScriptValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return FromJson(document.RootElement, "The value");
    }

    public override void Write(Utf8JsonWriter writer, ScriptValue value, JsonSerializerOptions options) => ScriptValueJsonWriter.Write(writer, value);

    private static ScriptValue FromObject(JsonElement value, string where)
    {
        using JsonElement.ObjectEnumerator fields = value.EnumerateObject();
        JsonProperty[] properties = [.. fields];
        if (properties.Length != 1)
        {
            throw Unsupported(value, where);
        }

        JsonProperty only = properties[0];
        switch (only.Name)
        {
            case BytesField when only.Value.ValueKind == JsonValueKind.String:
                return only.Value.TryGetBytesFromBase64(out byte[]? bytes)
                    ? ScriptValue.FromBytes(bytes)
                    : throw ApiException.BadRequest($"{where} is {{\"bytes\": …}} but its string is not base64.");
            case FloatField when only.Value.ValueKind == JsonValueKind.Number:
                return ScriptValue.FromFloat(only.Value.GetDouble());
            case FloatField when only.Value.ValueKind == JsonValueKind.String
                && double.TryParse(only.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double special):
                return ScriptValue.FromFloat(special);
            default:
                throw Unsupported(value, where);
        }
    }

    private static ApiException Unsupported(JsonElement value, string where) =>
        ApiException.BadRequest($"{where} is {JsonFields.Describe(value)} ({Shorten(value.GetRawText())}); a value is null, an integer, a float, a string, {{\"float\": n}} or {{\"bytes\": \"<base64>\"}}.");

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";
}
