using WasGo.Tests.Shared;

namespace WasGo.Host.Tests.Scripts;

/// <summary>The scripts in <c>Tests/Scripts</c>, built from C with the SDK's header by clang-14, once per test run.</summary>
internal static class TestScripts
{
    private static readonly Lazy<string> s_built = new(() => BuildScript.Run("Tests/Scripts/build.sh", "wasgo-test-scripts"));

    /// <summary>The bytes of a built test script, e.g. <c>hostile</c>.</summary>
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(s_built.Value, name + ".wasm"));
}
