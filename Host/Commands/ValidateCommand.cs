using System.CommandLine;
using Spectre.Console;
using WasGo.Host.Modules;
using WasGo.Scripting;

namespace WasGo.Host.Commands;

/// <summary><c>wasgo validate file.wasm</c>: decode, validate, compile and check against the ABI, on this machine; exit 1 on any problem.</summary>
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
            using var runtime = new ScriptRuntime();
            ModuleReport report = new ModuleChecker(runtime).Check(bytes);
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
}
