using WasGo.Host.Dashboard;
using WasGo.Host.Http.Cluster;
using WasGo.Host.Http.DeadLetters;
using WasGo.Host.Http.Entities;
using WasGo.Host.Http.Errors;
using WasGo.Host.Http.Feeds;
using WasGo.Host.Http.Health;
using WasGo.Host.Http.Metrics;
using WasGo.Host.Http.Modules;
using WasGo.Host.Http.Worlds;

namespace WasGo.Host.Http;

/// <summary>Maps the WasGo API, its feeds, health, metrics, OpenAPI document and dashboard.</summary>
internal static class WasGoEndpointExtensions
{
    public static WebApplication MapWasGo(this WebApplication app)
    {
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseWebSockets();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoints();
        app.MapModuleEndpoints();
        app.MapWorldEndpoints();
        app.MapEntityEndpoints();
        app.MapFeedEndpoints();
        app.MapInputFeedEndpoints();
        app.MapDeadLetterEndpoints();
        app.MapClusterEndpoints();
        app.MapDashboardEndpoints();
        return app;
    }
}
