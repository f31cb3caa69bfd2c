using WasGo.Host.Metrics;

namespace WasGo.Host.Http.Metrics;

/// <summary>
/// <c>/metrics</c> (OpenTelemetry's Prometheus exporter: the WasGo, Akka, ASP.NET Core and runtime meters) and <c>/api/metrics/rates</c> (the last two minutes of rates,
/// for the dashboard). Neither needs a token: they say how busy the host is, nothing of any
/// world's contents, and scrapers are configured without one.
/// </summary>
internal static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint("/metrics");
        routes.MapGet("/api/metrics/rates", (RateHistory history) => history.Samples())
            .WithTags("Metrics")
            .WithSummary("Messages, notifications, fuel, traps and activations a second, over the last two minutes.");
        return routes;
    }
}
