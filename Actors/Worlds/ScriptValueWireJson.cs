using System.Text.Json;
using System.Text.Json.Serialization;
using WasGo.Scripting;

namespace WasGo.Actors.Worlds;

/// <summary>
/// A value as JSON between nodes: base64 of its binary form (<see cref="ScriptValueCodec"/>), so
/// that every value comes back bit for bit — NaN payloads, -0.0, strings that are not valid UTF-8.
/// </summary>
internal sealed class ScriptValueWireJson : JsonConverter<ScriptValue>
{
    public override ScriptValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        byte[] bytes = reader.GetBytesFromBase64();
        try
        {
            int at = 0;
            ScriptValue value = ScriptValueCodec.Read(bytes, ref at);
            return at == bytes.Length ? value : throw new JsonException($"A value of {bytes.Length} bytes has {bytes.Length - at} bytes after its end.");
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new JsonException($"A value of {bytes.Length} bytes is malformed: {e.Message}", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, ScriptValue value, JsonSerializerOptions options)
    {
        var bytes = new List<byte>(16);
        ScriptValueCodec.Write(bytes, value);
        writer.WriteBase64StringValue(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }
}
