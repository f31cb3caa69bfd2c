using System.Globalization;
using System.Text.Json;

namespace WasGo.Scripting;

/// <summary>
/// Writes a value in the JSON form of WasGo's HTTP API: <c>null</c>; an integer number (i64); a
/// number with a fraction (<c>2.0</c>, so that a reader can tell it from an integer), or
/// <c>{"float": "NaN"}</c> for NaN and the infinities; a string; <c>{"bytes": "base64"}</c>.
/// </summary>
public static class ScriptValueJsonWriter
{
    /// <summary>The field of a float written as an object.</summary>
    public const string FloatField = "float";

    /// <summary>The field of bytes.</summary>
    public const string BytesField = "bytes";

    /// <summary>Writes one value.</summary>
    /// <param name="writer">Where to.</param>
    /// <param name="value">The value.</param>
    public static void Write(Utf8JsonWriter writer, ScriptValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.Kind)
        {
            case ScriptValueKind.Integer:
                writer.WriteNumberValue(value.AsInteger());
                break;
            case ScriptValueKind.Float:
                double number = value.AsFloat();
                if (double.IsFinite(number))
                {
                    string text = number.ToString("R", CultureInfo.InvariantCulture);
                    writer.WriteRawValue(text.AsSpan().IndexOfAny(".eE") < 0 ? text + ".0" : text);
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteString(FloatField, number.ToString(CultureInfo.InvariantCulture));
                    writer.WriteEndObject();
                }

                break;
            case ScriptValueKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case ScriptValueKind.Bytes:
                writer.WriteStartObject();
                writer.WriteBase64String(BytesField, value.AsSpan());
                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
