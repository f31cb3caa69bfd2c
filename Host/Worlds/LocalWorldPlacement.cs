using WasGo.Actors;
using WasGo.Host.Hosting;
using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>The single-node host's placement: each world's actor is a child of this process's actor system.</summary>
internal sealed class LocalWorldPlacement(ActorSystemHostedService actors, StorageHostedService storage, ScriptRuntime runtime) : IWorldPlacement
{
    public Task<WorldAddress> PlaceAsync(WorldRecord record, CancellationToken cancellationToken)
    {
        var options = new WorldOptions { WorldId = record.Id, TickRate = record.TickRate };
        var persistence = storage.Store;
        IActorRef actor = actors.System.ActorOf(Props.Create(() => new WorldActor(options, runtime, persistence)), "world-" + record.Id);
        return Task.FromResult(new WorldAddress(actor, ShardedId: null));
    }

    public Task<IReadOnlyList<string>> RunningHereAsync(IReadOnlyCollection<string> worldIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. worldIds]);
}
