using WasGo.Host.Metrics;

namespace WasGo.Host.Http.Metrics;

/// <summary>
/// <c>/metrics</c> (Prometheus text) and <c>/api/metrics/rates</c> (the last two minutes of rates,
/// for the dashboard). Neither needs a token: they say how busy the host is, nothing of any
/// world's contents, and scrapers are configured without one.
/// </summary>
internal static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics", (MetricsCollector collector) => Results.Text(collector.ToPrometheusText(), "text/plain; version=0.0.4; charset=utf-8"))
            .WithTags("Metrics")
            .WithSummary("Every WasGo meter in the Prometheus text format.");
        routes.MapGet("/api/metrics/rates", (RateHistory history) => history.Samples())
            .WithTags("Metrics")
            .WithSummary("Messages, notifications, fuel, traps and activations a second, over the last two minutes.");
        return routes;
    }
}
