using System.Diagnostics;
using FluentAssertions;
using WasGo.Host.Demo;

namespace WasGo.Host.Tests.Examples;

/// <summary>The example modules shipped in wasgo are exactly what scripts/examples.sh builds from Sdk/c/examples today.</summary>
public sealed class ExampleModulesTests
{
    [Fact]
    public async Task ShippedExamples_Should_MatchAFreshBuildOfTheSdkSources()
    {
        string output = Directory.CreateTempSubdirectory("wasgo-examples-").FullName;
        try
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "Sdk", "c", "build.sh"));
            start.ArgumentList.Add(output);
            using Process build = Process.Start(start)!;
            // Both pipes are read at once: one left full would block the build.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            Task<string> errorsRead = build.StandardError.ReadToEndAsync(timeout.Token);
            await build.StandardOutput.ReadToEndAsync(timeout.Token);
            string errors = await errorsRead;
            await build.WaitForExitAsync(timeout.Token);
            build.ExitCode.Should().Be(0, errors);

            foreach (string name in ExampleModules.Names)
            {
                byte[] built = await File.ReadAllBytesAsync(Path.Combine(output, name + ".wasm"));
                ExampleModules.Read(name).Should().Equal(built, $"Host/Examples/{name}.wasm must be rebuilt with scripts/examples.sh after its source changed");
            }

            Directory.GetFiles(output, "*.wasm").Select(Path.GetFileNameWithoutExtension).Should().BeEquivalentTo(ExampleModules.Names, "every SDK example is shipped");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
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
