using System;
using System.IO;

namespace WasGo.Wasm.Tests.Spec;

/// <summary>Finds the shared spec folder next to the repository (../shared from the folder holding the .sln).</summary>
internal static class SpecPaths
{
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WasGo.Actors.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException($"no WasGo.Actors.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string SpecRoot => Path.Combine(Shared, "spec");

    public static string PassingList => Path.Combine(RepositoryRoot, "Tests", "Wasm.Tests", "Spec", "passing.txt");
}
