using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WasGo.Host.Auth;

namespace WasGo.Host.Hosting;

/// <summary>Once the server listens, says where: the API, the dashboard, and where the admin token is.</summary>
internal sealed partial class StartupBanner(IServer server, IHostApplicationLifetime lifetime, AdminToken admin, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (string address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                LogListening(logger, address);
                if (admin.FilePath is { } file)
                {
                    // A dev host's token is generated for the local user; putting it in the link opens the dashboard signed in.
                    LogDashboard(logger, address, admin.Value, file);
                }
                else
                {
                    LogDashboardConfigured(logger, address);
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 8020, Level = LogLevel.Information, Message = "WasGo API listening on {Address} (OpenAPI at /openapi/v1.json)")]
    private static partial void LogListening(ILogger logger, string address);

    [LoggerMessage(EventId = 8021, Level = LogLevel.Information, Message = "Dashboard: {Address}/dashboard#token={Token} (the admin token is kept in {TokenFile})")]
    private static partial void LogDashboard(ILogger logger, string address, string token, string tokenFile);

    [LoggerMessage(EventId = 8022, Level = LogLevel.Information, Message = "Dashboard: {Address}/dashboard (sign in with WasGo:Auth:AdminToken)")]
    private static partial void LogDashboardConfigured(ILogger logger, string address);
}
