using WasGo.Host.Auth;
using WasGo.Host.DeadLetters;

namespace WasGo.Host.Http.DeadLetters;

/// <summary><c>/api/dead-letters</c>: the messages the host gave up on, newest last (admin).</summary>
internal static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/dead-letters", (DeadLetterLog log) => log.Entries())
            .WithTags("Dead letters")
            .WithSummary("The most recent dead letters: scripts' messages given up after every retry trapped, and the actor system's undeliverable messages.")
            .RequireAdmin();
        return routes;
    }
}
