using System.CommandLine;
using Microsoft.Extensions.Options;
using Spectre.Console;
using WasGo.Host.Modules;
using WasGo.Host.Sandbox;
using WasGo.Scripting;

namespace WasGo.Host.Commands;

/// <summary><c>wasgo validate file.wasm</c>: compile with the host's Wasmtime engine and sandbox settings and check against the ABI, on this machine; exit 1 on any problem.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The .wasm module." };
        var command = new Command("validate", "Check a module the way a host does before deploying it: decode, validate, compile, WasGo ABI (Sdk/ABI.md). Exits 1 if it would be refused.") { file };
        command.SetHandler(async (parseResult, cancellationToken) =>
        {
            FileInfo module = parseResult.GetRequiredValue(file);
            if (!module.Exists)
            {
                throw new CommandException($"{module.FullName} does not exist.");
            }

            byte[] bytes = await File.ReadAllBytesAsync(module.FullName, cancellationToken).ConfigureAwait(false);
            using var runtime = new ScriptRuntime(SandboxSettings(), compiler: CompileModuleCommand.CompilerProcess());
            ModuleReport report = await new ModuleChecker(runtime).CheckAsync(bytes).ConfigureAwait(false);
            if (!report.IsValid)
            {
                foreach (string problem in report.Problems)
                {
                    await Console.Error.WriteLineAsync($"{module.Name}: {problem}").ConfigureAwait(false);
                }

                throw new CommandException($"{module.Name} is not a valid WasGo script ({report.Problems.Count} problem{(report.Problems.Count == 1 ? "" : "s")}).");
            }

            CliOutput.Success($"{module.Name} is a valid WasGo script ({bytes.Length} bytes, sha256 {report.Hash})");
            Table table = CliOutput.Table("Export", "Kind");
            foreach (string method in report.Methods)
            {
                table.Row(method, "method");
            }

            foreach (string hook in report.Hooks)
            {
                table.Row(hook, "lifecycle");
            }

            CliOutput.Console.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>The sandbox's settings as a host on this machine reads them (appsettings.json beside the executable, then environment variables), so a module is checked by the same engine as it would be deployed to.</summary>
    private static ScriptRuntimeOptions SandboxSettings()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        ScriptRuntimeOptions options = configuration.GetSection(SandboxOptionsValidator.Section).Get<ScriptRuntimeOptions>() ?? new ScriptRuntimeOptions();
        ValidateOptionsResult valid = new SandboxOptionsValidator().Validate(null, options);
        return valid.Failed ? throw new CommandException(valid.FailureMessage) : options;
    }
}
