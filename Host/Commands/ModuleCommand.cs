using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace WasGo.Host.Commands;

/// <summary><c>wasgo module deploy|list|versions</c>, against a running host.</summary>
internal static class ModuleCommand
{
    public static Command Create(HostConnection connection)
    {
        var file = new Argument<FileInfo>("file") { Description = "The .wasm module." };
        var name = new Option<string?>("--name") { Description = "The module's name (default: the file's name without .wasm)." };
        var version = new Option<string?>("--version") { Description = "The version (default: the first 12 hex digits of its hash)." };
        var deploy = new Command("deploy", "Deploy a module: the host checks it (decode, validate, ABI) and stores it under a name and version.") { file, name, version };
        deploy.SetHandler(async (parseResult, cancellationToken) =>
        {
            FileInfo module = parseResult.GetRequiredValue(file);
            if (!module.Exists)
            {
                throw new CommandException($"{module.FullName} does not exist.");
            }

            string moduleName = parseResult.GetValue(name) ?? Path.GetFileNameWithoutExtension(module.Name);
            string query = parseResult.GetValue(version) is { } v ? "?version=" + Uri.EscapeDataString(v) : string.Empty;
            using HostApi api = connection.Open(parseResult);
            byte[] bytes = await File.ReadAllBytesAsync(module.FullName, cancellationToken).ConfigureAwait(false);
            JsonElement deployed = await CliOutput.Console.Status().StartAsync(
                $"Deploying {module.Name} ({bytes.Length} bytes): the host checks and compiles it…",
                _ => api.PostBytesAsync($"/api/modules/{Uri.EscapeDataString(moduleName)}{query}", bytes, cancellationToken)).ConfigureAwait(false);
            JsonElement tag = deployed.GetProperty("module");
            CliOutput.Success($"deployed {tag.GetProperty("name").GetString()} version {tag.GetProperty("version").GetString()} ({tag.GetProperty("hash").GetString()})");
            CliOutput.Line("methods: " + string.Join(", ", deployed.GetProperty("methods").EnumerateArray().Select(m => m.GetString())));
            return 0;
        });

        var list = new Command("list", "List the deployed modules at their newest version.");
        list.SetHandler(async (parseResult, cancellationToken) =>
        {
            using HostApi api = connection.Open(parseResult);
            Print(await api.GetAsync("/api/modules", cancellationToken).ConfigureAwait(false));
            return 0;
        });

        var versionsOf = new Argument<string>("name") { Description = "The module's name." };
        var versions = new Command("versions", "List every version of a module, oldest first.") { versionsOf };
        versions.SetHandler(async (parseResult, cancellationToken) =>
        {
            using HostApi api = connection.Open(parseResult);
            Print(await api.GetAsync($"/api/modules/{Uri.EscapeDataString(parseResult.GetRequiredValue(versionsOf))}/versions", cancellationToken).ConfigureAwait(false));
            return 0;
        });

        return connection.AddTo(new Command("module", "Deploy and list WebAssembly modules on a running host.") { deploy, list, versions });
    }

    private static void Print(JsonElement modules)
    {
        Table table = CliOutput.Table("Name", "Version", "Hash", "Size", "Deployed");
        foreach (JsonElement m in modules.EnumerateArray())
        {
            table.Row(
                m.GetProperty("name").GetString(),
                m.GetProperty("version").GetString(),
                m.GetProperty("hash").GetString()![..12],
                m.GetProperty("size").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                m.GetProperty("createdAt").GetDateTimeOffset().ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        }

        CliOutput.Console.Write(table);
    }
}
