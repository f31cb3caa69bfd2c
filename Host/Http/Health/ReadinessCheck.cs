using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WasGo.Host.Http.Health;

/// <summary>Ready once every part has started (store open, actors up, worlds recovered) and until the host begins to stop.</summary>
internal sealed class ReadinessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("ready")
            : HealthCheckResult.Unhealthy("starting"));
}
