using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
using WasGo.Host.Auth;
using WasGo.Host.Http.Errors;
using WasGo.Host.Http.Json;
using WasGo.Host.Http.Modules;
using WasGo.Host.Http.Worlds;
using WasGo.Host.Worlds;
using WasGo.Persistence;
using WasGo.Scripting;

namespace WasGo.Host.Http.Entities;

/// <summary>
/// <c>/api/worlds/{worldId}/entities</c>: spawn, call a method, read state, despawn, with the
/// admin token or the world's. Spawns, calls and despawns are inputs of the world: each is applied
/// at the next tick and answered after it.
/// </summary>
internal static class EntityEndpoints
{
    public static IEndpointRouteBuilder MapEntityEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder entities = routes.MapGroup("/api/worlds/{worldId}/entities").WithTags("Entities").RequireWorldAccess();
        entities.MapGet("/", ListAsync).WithSummary("Every entity's state row.");
        entities.MapPost("/", SpawnAsync).WithSummary("Spawns an entity: {\"id\": \"door-2\", \"module\": \"door\"} runs the module's newest version. The answer is its row after the tick that ran its _ready, with the world and the module version it runs.");
        entities.MapGet("/{entityId}", GetAsync).WithSummary("One entity's state row.");
        entities.MapDelete("/{entityId}", DespawnAsync).WithSummary("Removes an entity (it gets _notification(PREDELETE) first).");
        entities.MapPost("/{entityId}/calls/{method}", CallAsync)
            .WithSummary("Calls a method: {\"args\": [1, 2.5, \"text\", {\"bytes\": \"AAE=\"}, {\"float\": 3}, null]}; the body may be empty for no arguments.");
        return routes;
    }

    private static async Task<IEnumerable<EntityResponse>> ListAsync(string worldId, WorldCalls calls, IPersistenceProvider store, CancellationToken cancellationToken)
    {
        (WorldStatus status, IReadOnlyList<ModuleTag> modules) = await ReadAsync(calls.Find(worldId), calls, store, cancellationToken).ConfigureAwait(false);
        return status.Entities.Select(e => new EntityResponse(e.Key, ModuleName(status, modules, e.Key), e.Value));
    }

    private static async Task<EntityResponse> GetAsync(string worldId, string entityId, WorldCalls calls, IPersistenceProvider store, CancellationToken cancellationToken)
    {
        (WorldStatus status, IReadOnlyList<ModuleTag> modules) = await ReadAsync(calls.Find(worldId), calls, store, cancellationToken).ConfigureAwait(false);
        return new EntityResponse(entityId, ModuleName(status, modules, entityId), ColumnsOf(status, entityId));
    }

    private static IReadOnlyDictionary<string, ScriptValue> ColumnsOf(WorldStatus status, string entityId) =>
        status.Entities.TryGetValue(entityId, out IReadOnlyDictionary<string, ScriptValue>? columns)
            ? columns
            : throw ApiException.NotFound($"World '{status.WorldId}' has no entity '{entityId}'.");

    /// <summary>The world's status and the stored module versions, which name the content hashes the world knows its entities' modules by.</summary>
    private static async Task<(WorldStatus Status, IReadOnlyList<ModuleTag> Modules)> ReadAsync(HostedWorld world, WorldCalls calls, IPersistenceProvider store, CancellationToken cancellationToken)
    {
        WorldStatus status = await calls.StatusAsync(world, cancellationToken).ConfigureAwait(false);
        return (status, await store.Modules.ListAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The first name (by name, oldest version first) that points at the entity's module bytes; the hash itself if none does.</summary>
    private static string ModuleName(WorldStatus status, IReadOnlyList<ModuleTag> modules, string entityId) =>
        status.Modules.TryGetValue(entityId, out string? hash) ? modules.FirstOrDefault(t => t.Hash == hash)?.Name ?? hash : "";

    private static async Task<IResult> SpawnAsync(string worldId, HttpRequest request, WorldCalls calls, IPersistenceProvider store, IOptions<HttpOptions> options)
    {
        HostedWorld world = calls.Find(worldId);
        string entityId;
        string module;
        using (JsonDocument body = await RequestBody.ReadJsonObjectAsync(request, options.Value.MaxJsonBytes).ConfigureAwait(false))
        {
            entityId = JsonFields.RequiredString(body.RootElement, "id");
            module = JsonFields.RequiredString(body.RootElement, "module");
        }

        if (!ResourceIds.IsValid(entityId))
        {
            throw ApiException.BadRequest($"The entity id '{entityId}' is not allowed; use {ResourceIds.Rule}.");
        }

        CancellationToken aborted = request.HttpContext.RequestAborted;
        try
        {
            await calls.ApplyAsync(world, IdempotencyKey.Wrap(request, new WorldSpawn(entityId, module)), aborted).ConfigureAwait(false);
        }
        catch (ApiException taken) when (taken.Code == "bad_arguments")
        {
            throw new ApiException(StatusCodes.Status409Conflict, taken.Message, taken.Code);
        }

        // The world names the exact bytes it took (the newest version as it applied the spawn); the
        // newest version of the module with those bytes is the one it runs.
        (WorldStatus status, IReadOnlyList<ModuleTag> modules) = await ReadAsync(world, calls, store, aborted).ConfigureAwait(false);
        IReadOnlyDictionary<string, ScriptValue> columns = ColumnsOf(status, entityId);
        ModuleTag? ran = modules.LastOrDefault(t => t.Name == module && t.Hash == status.Modules.GetValueOrDefault(entityId));
        return Results.Created($"/api/worlds/{worldId}/entities/{entityId}", new SpawnResponse(entityId, world.Id, ran is null ? null : ModuleResponse.From(ran), columns));
    }

    private static async Task<IResult> DespawnAsync(string worldId, string entityId, HttpRequest request, WorldCalls calls)
    {
        await calls.ApplyAsync(calls.Find(worldId), IdempotencyKey.Wrap(request, new WorldDespawn(entityId)), request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<CallResponse> CallAsync(string worldId, string entityId, string method, HttpRequest request, WorldCalls calls, IOptions<HttpOptions> options)
    {
        HostedWorld world = calls.Find(worldId);
        ScriptValue[] arguments = await ReadArgumentsAsync(request, options.Value.MaxJsonBytes).ConfigureAwait(false);
        ScriptValue value = await calls.ApplyAsync(world, IdempotencyKey.Wrap(request, new WorldCall(entityId, method, arguments)), request.HttpContext.RequestAborted).ConfigureAwait(false);
        return new CallResponse(value);
    }

    private static async Task<ScriptValue[]> ReadArgumentsAsync(HttpRequest request, long maxBytes)
    {
        using JsonDocument? body = await RequestBody.ReadOptionalJsonObjectAsync(request, maxBytes).ConfigureAwait(false);
        if (body is null || !body.RootElement.TryGetProperty("args", out JsonElement args) || args.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (args.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"The field 'args' is {JsonFields.Describe(args)}; it must be an array of values.");
        }

        if (args.GetArrayLength() > AbiLimits.MaxStagedArguments)
        {
            throw ApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"The call has {args.GetArrayLength()} arguments; at most {AbiLimits.MaxStagedArguments} are allowed."));
        }

        return [.. args.EnumerateArray().Select((a, i) => ScriptValueJson.FromJson(a, string.Create(CultureInfo.InvariantCulture, $"args[{i}]")))];
    }
}
