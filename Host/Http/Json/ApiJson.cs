using System.Text.Json;

namespace WasGo.Host.Http.Json;

/// <summary>The JSON of the feed: ASP.NET Core's web defaults (camelCase) plus the value format of <see cref="ScriptValueJson"/>, as the endpoints use.</summary>
internal static class ApiJson
{
    /// <summary>Gets the settings; read-only.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new ScriptValueJson());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
