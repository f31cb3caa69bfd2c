using System.Diagnostics;
using System.Net;
using FluentAssertions;
using WasGo.Host.Tests.Http;

namespace WasGo.Host.Tests.Requests;

/// <summary>
/// <c>Tests/Scripts/hostile.c</c>, built once per test run with <c>Tests/Scripts/build.sh</c>
/// (clang-14): a script written to hurt its host (spin, storm, fan, …).
/// </summary>
internal static class HostileScript
{
    private static readonly Lazy<byte[]> s_module = new(Build);

    /// <summary>Deploys it as module <c>hostile</c>.</summary>
    public static async Task DeployAsync(HttpClient admin)
    {
        using var content = new ByteArrayContent(s_module.Value);
        (await admin.PostAsync("/api/modules/hostile", content)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    /// <summary>Deploys it, makes a world and puts one hostile entity in it; returns the world's token.</summary>
    public static async Task<string> WorldWithAnEntityAsync(HttpClient admin, string worldId, string entityId, double tickRate = 20)
    {
        await DeployAsync(admin);
        string token = await admin.CreateWorldAsync(worldId, tickRate);
        await admin.SpawnAsync(worldId, entityId, "hostile");
        return token;
    }

    private static byte[] Build()
    {
        string repository = RepositoryRoot();
        string output = Path.Combine(Path.GetTempPath(), $"wasgo-host-scripts-{Environment.ProcessId}");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(repository, "Tests", "Scripts", "build.sh"));
        start.ArgumentList.Add(output);
        using Process build = Process.Start(start)!;
        string errors = build.StandardError.ReadToEnd();
        build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Tests/Scripts/build.sh failed ({build.ExitCode}): {errors}");
        }

        return File.ReadAllBytes(Path.Combine(output, "hostile.wasm"));
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
