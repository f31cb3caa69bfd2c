using Akka.Actor;
using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
using WasGo.Host.Hosting;
using WasGo.Host.Http;
using WasGo.Host.Worlds;
using WasGo.Scripting;

namespace WasGo.Host.Demo;

/// <summary>
/// On a host whose database is empty (no module, no world), deploys the example modules and starts
/// a world with one entity of each: a pet following its owner, a door, a wandering NPC and a
/// counter. So the README's run command shows something alive on a fresh machine.
/// </summary>
internal sealed partial class DemoWorld(
    StorageHostedService storage,
    WorldDirectory worlds,
    IOptions<DemoOptions> demo,
    IOptions<HttpOptions> http,
    ILogger<DemoWorld> logger) : IHostedService
{
    /// <summary>The version the examples are deployed as.</summary>
    public const string ExampleVersion = "example";

    /// <summary>The demo's entities: id and module.</summary>
    public static IReadOnlyList<(string EntityId, string Module)> Entities { get; } =
        [("rex", "pet"), ("front-door", "door"), ("guard", "npc"), ("visits", "counter")];

    private static readonly string s_entityList = string.Join(", ", Entities.Select(e => $"{e.EntityId} ({e.Module})"));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!demo.Value.Enabled || worlds.All.Count > 0 || (await storage.Store.Modules.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        foreach (string name in ExampleModules.Names)
        {
            await storage.Store.Modules.PutAsync(name, ExampleVersion, ExampleModules.Read(name), cancellationToken).ConfigureAwait(false);
        }

        (HostedWorld world, _) = await worlds.CreateAsync(demo.Value.WorldId, tickRate: 20, cancellationToken).ConfigureAwait(false);
        foreach ((string entityId, string module) in Entities)
        {
            await ApplyAsync(world, new WorldSpawn(entityId, module), cancellationToken).ConfigureAwait(false);
        }

        // Give the scene a start: the pet has an owner to follow, the door has been opened once, someone visited.
        await ApplyAsync(world, new WorldCall("rex", "set_owner", [ScriptValue.FromString("you")]), cancellationToken).ConfigureAwait(false);
        await ApplyAsync(world, new WorldCall("rex", "owner_moved", [ScriptValue.FromFloat(6), ScriptValue.FromFloat(4)]), cancellationToken).ConfigureAwait(false);
        await ApplyAsync(world, new WorldCall("front-door", "open", [ScriptValue.FromString("guard")]), cancellationToken).ConfigureAwait(false);
        await ApplyAsync(world, new WorldCall("visits", "increment", [ScriptValue.FromInteger(1)]), cancellationToken).ConfigureAwait(false);
        LogStarted(logger, world.Id, s_entityList);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ApplyAsync(HostedWorld world, object input, CancellationToken cancellationToken)
    {
        CallResult result = await world.AskAsync<CallResult>(input, http.Value.CallTimeout, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"The demo world could not be set up: {error}");
        }
    }

    [LoggerMessage(EventId = 8130, Level = LogLevel.Information, Message = "Demo world {WorldId} started with {Entities}")]
    private static partial void LogStarted(ILogger logger, string worldId, string entities);
}
