using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
using WasGo.Host.Auth;
using WasGo.Host.Http.Errors;
using WasGo.Host.Http.Worlds;
using WasGo.Host.Modules;
using WasGo.Host.Worlds;
using WasGo.Persistence;

namespace WasGo.Host.Http.Modules;

/// <summary><c>/api/modules</c>: deploy (admin), list and versions; and a module's bytes by content hash, for the admin or a client of a world that runs it.</summary>
internal static class ModuleEndpoints
{
    public static IEndpointRouteBuilder MapModuleEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder modules = routes.MapGroup("/api/modules").WithTags("Modules").RequireAdmin();
        modules.MapPost("/{name}", DeployAsync)
            // Any content type: the bytes are what is checked, and curl --data-binary sends a form type.
            .WithSummary("Deploys a module: the body is the .wasm bytes (any content type); ?version= names the version (default: the first 12 hex digits of its hash).");
        modules.MapGet("/", ListAsync).WithSummary("Lists the modules, each at its newest version.");
        modules.MapGet("/{name}/versions", VersionsAsync).WithSummary("Lists every version of a module, oldest first.");

        // Not in the admin group: a world's token fetches the modules its world runs, to run them in a client's sandbox.
        routes.MapGet("/api/modules/by-hash/{sha256}", ByHashAsync)
            .WithTags("Modules")
            .WithSummary("A module's .wasm bytes by their SHA-256 (lowercase hex): with the admin token any stored module, with a world's token only a module that world has loaded.");
        return routes;
    }

    private static async Task<IResult> DeployAsync(string name, string? version, HttpRequest request, ModuleChecker checker, IPersistenceProvider store, IOptions<HttpOptions> options)
    {
        if (!ResourceIds.IsValid(name))
        {
            throw ApiException.BadRequest($"The module name '{name}' is not allowed; use {ResourceIds.Rule}.");
        }

        if (version is not null && !ResourceIds.IsValid(version))
        {
            throw ApiException.BadRequest($"The version '{version}' is not allowed; use {ResourceIds.Rule}.");
        }

        byte[] bytes = await RequestBody.ReadBytesAsync(request, options.Value.MaxModuleBytes).ConfigureAwait(false);
        ModuleReport report = await checker.CheckAsync(bytes).ConfigureAwait(false);
        if (!report.IsValid)
        {
            throw ApiException.BadRequest($"The module '{name}' cannot run as a WasGo script: {string.Join("; ", report.Problems)}");
        }

        ModuleTag tag;
        try
        {
            tag = await store.Modules.PutAsync(name, version ?? report.Hash[..12], bytes, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException taken)
        {
            throw ApiException.Conflict(taken.Message);
        }

        return Results.Created($"/api/modules/{name}/versions", new DeployResponse(ModuleResponse.From(tag), report.Methods, report.Hooks));
    }

    private static async Task<IEnumerable<ModuleResponse>> ListAsync(IPersistenceProvider store, CancellationToken cancellationToken)
    {
        IReadOnlyList<ModuleTag> tags = await store.Modules.ListAsync(cancellationToken).ConfigureAwait(false);
        return tags.GroupBy(t => t.Name, StringComparer.Ordinal).Select(g => ModuleResponse.From(g.Last()));
    }

    private static async Task<IEnumerable<ModuleResponse>> VersionsAsync(string name, IPersistenceProvider store, CancellationToken cancellationToken)
    {
        IReadOnlyList<ModuleTag> tags = await store.Modules.ListAsync(cancellationToken).ConfigureAwait(false);
        ModuleResponse[] versions = [.. tags.Where(t => t.Name == name).Select(ModuleResponse.From)];
        return versions.Length > 0 ? versions : throw ApiException.NotFound($"No module '{name}' is deployed.");
    }

    private static async Task<IResult> ByHashAsync(string sha256, HttpContext context, ApiAccess access, WorldCalls calls, IPersistenceProvider store)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw ApiException.BadRequest($"'{sha256}' is not a module hash; a hash is the SHA-256 of the module's bytes in 64 lowercase hex digits.");
        }

        bool allowed = access.ForAdmin(context) == Access.Granted;
        foreach (HostedWorld world in allowed ? [] : access.WorldsOf(context))
        {
            WorldModules loaded = await calls.AskAsync<WorldModules>(world, GetWorldModules.Instance, context.RequestAborted).ConfigureAwait(false);
            allowed |= loaded.Hashes.Contains(sha256, StringComparer.Ordinal);
        }

        if (!allowed)
        {
            // The same answer for a module that exists and one that does not: a world's token learns nothing of other worlds' modules.
            throw ApiException.NotFound($"No module {sha256} is available to this token: the admin token reads every stored module, a world's token those its world has loaded.");
        }

        return await store.Modules.GetAsync(sha256, context.RequestAborted).ConfigureAwait(false) is { } bytes
            ? Results.Bytes(bytes, "application/wasm")
            : throw ApiException.NotFound($"No module {sha256} is stored.");
    }
}
