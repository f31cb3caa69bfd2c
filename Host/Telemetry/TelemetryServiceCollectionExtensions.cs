using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WasGo.Host.Cluster;
using WasGo.Host.Metrics;
using WasGo.Scripting;

namespace WasGo.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the host, set up as its ASP.NET Core example does: the WasGo meters, ASP.NET
/// Core's and the runtime's, scraped at <c>/metrics</c> by the Prometheus exporter; traces of HTTP
/// requests and of the world ticks and entity calls they lead to; both exported by OTLP as well when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the rest of the standard
/// <c>OTEL_*</c> variables itself).
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service name in the resource, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "wasgo";

    /// <summary>The environment variable that names the service.</summary>
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>The environment variable that turns on the OTLP exporter.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] s_wasGoMeters = [ScriptMetrics.MeterName, HostMetrics.MeterName];

    public static IServiceCollection AddWasGoTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        bool otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);

        // The WasGo meters are enabled for this host's own meter factory only (MeterScope.Local), not
        // by name for the whole process: another host in the same process (the tests run several)
        // has meters of the same names, and their counts must not add up into this one's.
        services.AddMetrics(metrics =>
        {
            foreach (string meter in s_wasGoMeters)
            {
                metrics.EnableMetrics(meter, instrumentName: null, listenerName: OpenTelemetryListenerName, MeterScope.Local);
                metrics.EnableMetrics(meter, instrumentName: null, listenerName: ScriptCounterTotals.ListenerName, MeterScope.Local);
            }
        });
        services.AddSingleton<ScriptCounterTotals>();
        services.AddSingleton<IMetricsListener>(static provider => provider.GetRequiredService<ScriptCounterTotals>());

        IOpenTelemetryBuilder telemetry = services.AddOpenTelemetry()
            // The service name as OTEL_SERVICE_NAME says (a resource given here would override the variable), the node as the instance.
            .ConfigureResource(resource => resource
                .AddService(configuration[ServiceNameVariable] ?? ServiceName, autoGenerateServiceInstanceId: false)
                .AddDetector(static provider => new NodeResourceDetector(provider.GetRequiredService<IOptions<ClusterOptions>>())))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();

                // Scraped when Prometheus asks, never cached: a scrape shows what happened up to it.
                metrics.AddPrometheusExporter(static prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        // What is traced is set up always; the tracer provider, and with it the spans, only where
        // something exports them (OTLP here; a test adds its own exporter with WithTracing).
        services.ConfigureOpenTelemetryTracerProvider(static tracing => tracing
            .AddAspNetCoreInstrumentation(static aspNetCore => aspNetCore.Filter = static context => !IsScrape(context.Request.Path))
            .AddSource(WorldTracing.SourceName));
        if (otlp)
        {
            telemetry.WithTracing(static tracing => tracing.AddOtlpExporter());
        }

        return services;
    }

    /// <summary>The name the OpenTelemetry SDK registers its <see cref="IMetricsListener"/> under.</summary>
    private const string OpenTelemetryListenerName = "OpenTelemetry";

    /// <summary>Scrapes and probes come every few seconds and say nothing about the worlds: they are not traced.</summary>
    private static bool IsScrape(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.Ordinal) || path.StartsWithSegments("/healthz", StringComparison.Ordinal) || path.StartsWithSegments("/readyz", StringComparison.Ordinal);
}
