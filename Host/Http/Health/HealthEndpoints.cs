namespace WasGo.Host.Http.Health;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (it has started and is not stopping), as Kubernetes probes expect.</summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz", new() { Predicate = static _ => false });
        routes.MapHealthChecks("/readyz", new() { Predicate = static check => check.Tags.Contains(ReadyTag) });
        return routes;
    }
}
