using System.Diagnostics;

namespace WasGo.Tests.Shared;

/// <summary>
/// Runs one of the repository's build scripts for WebAssembly (the SDK's examples, the test scripts)
/// into a folder of this test run, as a script author would run it.
/// </summary>
/// <remarks>Compiled into each test project that builds scripts (linked from Tests/Shared).</remarks>
internal static class BuildScript
{
    /// <summary>Runs <paramref name="script"/> (a path from the repository root) with the output folder as its argument.</summary>
    /// <returns>The output folder.</returns>
    /// <exception cref="InvalidOperationException">The script failed; its error output is in the message.</exception>
    public static string Run(string script, string outputName)
    {
        string output = Path.Combine(Path.GetTempPath(), $"{outputName}-{Environment.ProcessId}");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), script));
        start.ArgumentList.Add(output);
        using Process build = Process.Start(start)!;
        Task<string> errors = build.StandardError.ReadToEndAsync();
        build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({build.ExitCode}): {errors.Result}");
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
