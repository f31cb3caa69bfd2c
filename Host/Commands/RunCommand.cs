using System.CommandLine;
using Microsoft.Extensions.Options;
using WasGo.Host.Cluster;
using WasGo.Host.Hosting;

namespace WasGo.Host.Commands;

/// <summary><c>wasgo run</c>: the single-node dev host; with <c>--cluster</c>, a cluster node.</summary>
internal static class RunCommand
{
    /// <summary>The exit code of a setting out of range.</summary>
    public const int InvalidSettings = 2;

    public static Command Create()
    {
        var cluster = new Option<bool>("--cluster")
        {
            Description = "Run as a node of an Akka.NET cluster: worlds are sharded over the nodes (Akka.Remote on WasGo:Cluster:Hostname and Port, joining WasGo:Cluster:SeedNodes) and journaled in PostgreSQL (WasGo:Cluster:PostgreSql); every node needs the same WasGo:Auth:AdminToken. Set them in appsettings.json, as WasGo__Cluster__… or as --WasGo:Cluster:…=….",
        };
        var command = new Command("run", "Run the host until Ctrl+C or SIGTERM: HTTP on 127.0.0.1:5080, SQLite in ./data, a demo world on an empty database. Settings come from appsettings.json, environment variables (WasGo__Http__FeedRate=20) and arguments (--WasGo:Http:FeedRate=20, --urls=http://0.0.0.0:8080).")
        {
            // Configuration overrides (--WasGo:Actors:Throughput=100) go to the Generic Host as they are.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(cluster);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(cluster) ? [.. parseResult.UnmatchedTokens, $"--{ClusterOptions.Section}:Enabled=true"] : [.. parseResult.UnmatchedTokens],
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] configurationArgs, CancellationToken cancellationToken)
    {
        try
        {
            WebApplication app = WasGoApplication.Build(configurationArgs);
            await using (app.ConfigureAwait(false))
            {
                await app.RunAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }
        catch (OptionsValidationException invalid)
        {
            await Console.Error.WriteLineAsync("wasgo: invalid settings: " + string.Join(" ", invalid.Failures)).ConfigureAwait(false);
            return InvalidSettings;
        }
        catch (IOException bind) when (bind.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
        {
            // Kestrel's own message names the address; say how to pick another.
            await Console.Error.WriteLineAsync($"wasgo: {bind.Message} Is another wasgo running? Pass --urls=http://127.0.0.1:<port> (or set Urls) to listen elsewhere.").ConfigureAwait(false);
            return InvalidSettings;
        }
    }
}
