using System.CommandLine;
using WasGo.Scripting;

namespace WasGo.Host.Commands;

/// <summary>
/// <c>wasgo compile-module</c>, hidden: the compiler process a host starts for each module it has
/// not compiled before (<see cref="CompilerProcess"/>), so that a module whose compile would run
/// past the sandbox's time or memory limit is killed with its process, not left holding the host.
/// Reads the module on stdin and writes the artifact on stdout.
/// </summary>
internal static class CompileModuleCommand
{
    private const string Name = "compile-module";

    /// <summary>The command line that runs this command in a new process, as this process was started: through its apphost, or through <c>dotnet</c>.</summary>
    public static CompilerProcess CompilerProcess()
    {
        string assembly = typeof(CompileModuleCommand).Assembly.Location;
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == Path.GetFileNameWithoutExtension(assembly))
        {
            return new CompilerProcess([process, Name]);
        }

        // In `dotnet wasgo.dll` (or a test host under dotnet) this process is dotnet itself.
        string dotnet = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return new CompilerProcess([dotnet, "exec", assembly, Name]);
    }

    public static Command Create()
    {
        var command = new Command(Name, "Compile a module read on stdin; the artifact goes to stdout (what a host runs to compile under its limits).")
        {
            Hidden = true,
            TreatUnmatchedTokensAsErrors = false, // the engine settings, which CompilerProcess parses
        };
        command.SetAction(static async (parseResult, _) =>
        {
            using Stream input = Console.OpenStandardInput();
            using Stream output = Console.OpenStandardOutput();
            return await WasGo.Scripting.CompilerProcess.RunAsync(parseResult.UnmatchedTokens, input, output).ConfigureAwait(false);
        });
        return command;
    }
}
