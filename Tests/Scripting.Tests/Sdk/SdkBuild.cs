using System.Diagnostics;

namespace WasGo.Scripting.Tests.Sdk;

/// <summary>Builds the SDK's examples from source with the SDK's own build script, once per test run.</summary>
internal static class SdkBuild
{
    private static readonly Dictionary<string, Lazy<string>> s_builds = new(StringComparer.Ordinal)
    {
        ["c"] = new(() => Build("c")),
        ["assemblyscript"] = new(() => Build("assemblyscript")),
    };

    /// <summary>The module of an example: <paramref name="language"/> is <c>c</c> or <c>assemblyscript</c>.</summary>
    public static string Example(string language, string name) => Path.Combine(s_builds[language].Value, name + ".wasm");

    private static string Build(string language)
    {
        string repository = RepositoryRoot();
        string output = Path.Combine(Path.GetTempPath(), $"wasgo-sdk-{language}-{Environment.ProcessId}");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(repository, "Sdk", language, "build.sh"));
        start.ArgumentList.Add(output);
        using Process build = Process.Start(start)!;
        string errors = build.StandardError.ReadToEnd();
        build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Sdk/{language}/build.sh failed ({build.ExitCode}): {errors}");
        }

        return output;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WasGo.Actors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("WasGo.Actors.sln was not found above " + AppContext.BaseDirectory);
    }
}
