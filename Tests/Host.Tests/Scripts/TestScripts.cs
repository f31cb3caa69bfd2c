using System.Diagnostics;

namespace WasGo.Host.Tests.Scripts;

/// <summary>The scripts in <c>Tests/Scripts</c>, built from C with the SDK's header by clang-14, once per test run.</summary>
internal static class TestScripts
{
    private static readonly Lazy<string> s_built = new(Build);

    /// <summary>The bytes of a built test script, e.g. <c>hostile</c>.</summary>
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(s_built.Value, name + ".wasm"));

    private static string Build()
    {
        string output = Path.Combine(Path.GetTempPath(), $"wasgo-test-scripts-{Environment.ProcessId}");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "Tests", "Scripts", "build.sh"));
        start.ArgumentList.Add(output);
        using Process build = Process.Start(start)!;
        Task<string> errors = build.StandardError.ReadToEndAsync();
        build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Tests/Scripts/build.sh failed ({build.ExitCode}): {errors.Result}");
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
