using Akka.Actor;
using WasGo.Scripting;

namespace WasGo.Actors.Entities;

/// <summary>
/// Runs a world's phases on entity actors, children of the world's actor: each entity's batch on
/// its own actor, all of a phase's at once. The world merges the results in entity id order, so
/// its digests are those of a world that runs its entities one after another.
/// </summary>
/// <remarks>Used from the world actor's context only (it makes and stops that actor's children).</remarks>
internal sealed class EntityActorRunner : IEntityBatchRunner
{
    private readonly IUntypedActorContext _context;
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private long _generation;

    public EntityActorRunner(IUntypedActorContext context)
    {
        _context = context;
    }

    public Task<IReadOnlyList<EntityBatchResult>> RunAsync(IReadOnlyList<EntityBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var phase = new Phase(batches.Count);
        foreach (EntityBatch batch in batches)
        {
            EntityOf(batch.EntityId).Tell(new RunBatch(batch, phase));
        }

        return phase.Done;
    }

    /// <summary>Stops the actors of entities that are no longer in the world (despawned, refused at spawn).</summary>
    /// <param name="entityIds">The world's entities now.</param>
    public void Retain(IReadOnlyCollection<string> entityIds)
    {
        // Every entity of the world has run a batch (its spawn is one), so it has an actor here: as
        // many actors as entities means that none is gone, which is so on almost every tick.
        if (_entities.Count == entityIds.Count)
        {
            return;
        }

        var present = new HashSet<string>(entityIds, StringComparer.Ordinal);
        foreach (string gone in _entities.Keys.Where(id => !present.Contains(id)).ToArray())
        {
            _context.Stop(_entities[gone]);
            _entities.Remove(gone);
        }
    }

    /// <summary>Stops every entity actor (the world is being rebuilt from its journal).</summary>
    public void Clear() => Retain([]);

    private IActorRef EntityOf(string entityId)
    {
        if (!_entities.TryGetValue(entityId, out IActorRef? entity))
        {
            // An actor's name is a URI segment; a generation suffix keeps a respawned entity's name
            // free of the one still stopping.
            entity = _context.ActorOf(EntityActor.Props, "entity-" + Uri.EscapeDataString(entityId) + "-" + _generation++);
            _entities.Add(entityId, entity);
        }

        return entity;
    }
}
