using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WasGo.Host.Hosting;

namespace WasGo.Host.Commands;

/// <summary><c>wasgo run</c>: the single-node dev host.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run a single-node dev host until Ctrl+C or SIGTERM. Settings come from appsettings.json, environment variables (WasGo__Actors__Throughput=100) and arguments (--WasGo:Actors:Throughput=100).")
        {
            // Configuration overrides (--WasGo:Actors:Throughput=100) go to the Generic Host as they are.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(static (parseResult, cancellationToken) => RunAsync([.. parseResult.UnmatchedTokens], cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] configurationArgs, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddWasGo(builder.Configuration);
        try
        {
            using IHost host = builder.Build();
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException invalid)
        {
            await Console.Error.WriteLineAsync("wasgo: invalid settings: " + string.Join(" ", invalid.Failures)).ConfigureAwait(false);
            return 2;
        }
    }
}
