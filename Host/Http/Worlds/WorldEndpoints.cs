using System.Text.Json;
using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
using WasGo.Host.Auth;
using WasGo.Host.Http.Errors;
using WasGo.Host.Http.Json;
using WasGo.Host.Worlds;
using WasGo.Scripting;

namespace WasGo.Host.Http.Worlds;

/// <summary><c>/api/worlds</c>: create and list (admin); one world's status, digest and recent signals (its token).</summary>
internal static class WorldEndpoints
{
    public static IEndpointRouteBuilder MapWorldEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder admin = routes.MapGroup("/api/worlds").WithTags("Worlds").RequireAdmin();
        admin.MapPost("/", CreateAsync).WithSummary("Creates a world: {\"id\": \"…\", \"tickRate\": 20}. The response carries the world's token, shown only this once.");
        admin.MapGet("/", ListAsync).WithSummary("Lists the worlds with their tick rate, tick, digest, entity count, the clients following their input feeds on this node (followers, disagreeing) and state; a world that does not answer within a second is listed as last known (state busy, restarting or unavailable).");
        admin.MapPut("/{worldId}/tick-rate", SetTickRateAsync).WithSummary("Changes a world's tick rate from its next tick on: {\"tickRate\": 30}. Recorded like any input, so a replay keeps it.");

        RouteGroupBuilder world = routes.MapGroup("/api/worlds/{worldId}").WithTags("Worlds").RequireWorldAccess();
        world.MapGet("/", GetAsync).WithSummary("A world's tick rate, tick, digest, entity count and the clients following its input feed on this node (followers, disagreeing).");
        world.MapGet("/digest", DigestAsync).WithSummary("A world's digest after its last tick.");
        world.MapGet("/signals", (string worldId, WorldCalls calls) => calls.Find(worldId).Feed.RecentSignals()).WithSummary("The world's most recent signals, oldest first.");
        return routes;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, WorldDirectory directory, IOptions<HttpOptions> options)
    {
        string id;
        double tickRate;
        using (JsonDocument body = await RequestBody.ReadJsonObjectAsync(request, options.Value.MaxJsonBytes).ConfigureAwait(false))
        {
            id = JsonFields.RequiredString(body.RootElement, "id");
            tickRate = JsonFields.OptionalNumber(body.RootElement, "tickRate") ?? WorldOptions.DefaultTickRate;
        }

        if (WorldDirectory.ProblemWith(id, tickRate) is { } problem)
        {
            throw ApiException.BadRequest(problem);
        }

        try
        {
            (HostedWorld world, string token) = await directory.CreateAsync(id, tickRate, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return Results.Created($"/api/worlds/{world.Id}", new CreatedWorldResponse(world.Id, world.Record.TickRate, token));
        }
        catch (InvalidOperationException exists)
        {
            throw ApiException.Conflict(exists.Message);
        }
    }

    private static async Task<WorldResponse> SetTickRateAsync(string worldId, HttpRequest request, WorldCalls calls, IOptions<HttpOptions> options)
    {
        HostedWorld world = calls.Find(worldId);
        double tickRate;
        using (JsonDocument body = await RequestBody.ReadJsonObjectAsync(request, options.Value.MaxJsonBytes).ConfigureAwait(false))
        {
            tickRate = JsonFields.OptionalNumber(body.RootElement, "tickRate")
                ?? throw ApiException.BadRequest("The field 'tickRate' is missing; it must be a number.");
        }

        if (WorldOptions.TickRateProblem(tickRate) is { } problem)
        {
            throw ApiException.BadRequest(problem);
        }

        await calls.ApplyAsync(world, IdempotencyKey.Wrap(request, new WorldSetTickRate(tickRate)), request.HttpContext.RequestAborted).ConfigureAwait(false);
        return await DescribeAsync(world, calls, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<IEnumerable<WorldResponse>> ListAsync(WorldDirectory directory, WorldCalls calls, CancellationToken cancellationToken)
    {
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false); // worlds other cluster nodes created
        // Asked all at once, each for a second at most: a busy or failing world is shown as last known, never holding up the rest.
        return await Task.WhenAll(directory.All.Select(w => calls.DescribeAsync(w, cancellationToken))).ConfigureAwait(false);
    }

    private static Task<WorldResponse> GetAsync(string worldId, WorldCalls calls, CancellationToken cancellationToken) =>
        DescribeAsync(calls.Find(worldId), calls, cancellationToken);

    private static async Task<DigestResponse> DigestAsync(string worldId, WorldCalls calls, CancellationToken cancellationToken)
    {
        WorldStatus status = await calls.StatusAsync(calls.Find(worldId), cancellationToken).ConfigureAwait(false);
        return new DigestResponse(status.Tick, status.Digest);
    }

    private static async Task<WorldResponse> DescribeAsync(HostedWorld world, WorldCalls calls, CancellationToken cancellationToken) =>
        calls.Describe(world, await calls.StatusAsync(world, cancellationToken).ConfigureAwait(false));
}
