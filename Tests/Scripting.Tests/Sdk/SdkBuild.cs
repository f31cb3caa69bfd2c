using WasGo.Tests.Shared;

namespace WasGo.Scripting.Tests.Sdk;

/// <summary>Builds the SDK's examples from source with the SDK's own build script, once per test run.</summary>
internal static class SdkBuild
{
    private static readonly Dictionary<string, Lazy<string>> s_builds = new(StringComparer.Ordinal)
    {
        ["c"] = new(() => BuildScript.Run("Sdk/c/build.sh", "wasgo-sdk-c")),
        ["assemblyscript"] = new(() => BuildScript.Run("Sdk/assemblyscript/build.sh", "wasgo-sdk-assemblyscript")),
    };

    /// <summary>The module of an example: <paramref name="language"/> is <c>c</c> or <c>assemblyscript</c>.</summary>
    public static string Example(string language, string name) => Path.Combine(s_builds[language].Value, name + ".wasm");
}
