using System.Globalization;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace WasGo.Scripting;

public sealed partial class World
{
    /// <summary>
    /// How many ticks apart a world refreshes its entities' instances: the step after every tick that
    /// is a positive multiple of this begins by giving every entity a fresh instance on its state and
    /// running its <c>_ready</c>, so that nothing in an instance's memory outlasts such a tick. Only
    /// after such a tick is a snapshot taken (<see cref="CaptureSnapshot"/>).
    /// </summary>
    public const long SnapshotInterval = 1024;

    // Restored, and its entities have no instances until the refresh that begins its next step.
    private bool _awaitingRefresh;

    /// <summary>Gets whether the next step begins with the refresh of every instance.</summary>
    private bool RefreshDue => Tick > 0 && Tick % SnapshotInterval == 0;

    /// <summary>
    /// Captures what the world needs to go on exactly from this tick (see <see cref="WorldSnapshot"/>),
    /// but not its instances' memory: the next step gives every entity a fresh instance anyway.
    /// </summary>
    /// <returns>The snapshot, which shares nothing the world changes.</returns>
    /// <exception cref="InvalidOperationException">The world's tick is not a positive multiple of <see cref="SnapshotInterval"/>.</exception>
    public WorldSnapshot CaptureSnapshot()
    {
        if (!RefreshDue)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"World '{_options.WorldId}' is at tick {Tick}; a snapshot is taken only after a tick that is a positive multiple of {SnapshotInterval}, when the next step gives every entity a fresh instance (the next such tick is {((Tick / SnapshotInterval) + 1) * SnapshotInterval})."));
        }

        return new WorldSnapshot(
            _options.WorldId,
            Tick,
            _tickRate,
            _timeBase,
            _tickBase,
            [.. _entities.Values.Select(static e => new EntitySnapshot(e.EntityId, e.ModuleHash, e.Context.State.Clone(), e.Unavailable))],
            [.. _deliveries],
            [.. _timers],
            [.. _pendingBySender.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(static p => (p.Key, p.Value))],
            [.. _timerIds.Where(static p => p.Value.Count > 0).OrderBy(static p => p.Key, StringComparer.Ordinal).Select(static p => (p.Key, p.Value.Order().ToArray()))]);
    }

    /// <summary>
    /// Builds a world at a snapshot's tick whose entities have no instance yet: its next step begins
    /// with the refresh that gives every entity a fresh instance and runs its <c>_ready</c>, exactly as
    /// the world the snapshot was taken of does at that tick. Fed the same inputs (and, to replay them,
    /// the same recorded wall-clock stops), it reaches the same digests.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="options">The world's settings; its id must be the snapshot's world's. Its tick rate is the snapshot's.</param>
    /// <param name="runtime">The script runtime.</param>
    /// <param name="modules">Finds a compiled module by content hash: it must find each of <see cref="WorldSnapshot.ModuleHashes"/>.</param>
    /// <param name="logger">Where scripts' log lines and traps go.</param>
    /// <param name="runner">Runs each phase's entity batches; by default one after another on the caller's thread.</param>
    /// <returns>The world; stepping it is the first thing to do, as <see cref="Apply"/> needs instances.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/>, <paramref name="options"/> or <paramref name="modules"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot is of another world, or <paramref name="modules"/> does not find the module of an entity that can run.</exception>
    public static World Restore(WorldSnapshot snapshot, WorldOptions options, ScriptRuntime runtime, Func<string, Module?> modules, ILogger logger, IEntityBatchRunner? runner = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(modules);
        if (!string.Equals(options.WorldId, snapshot.WorldId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The snapshot is of world '{snapshot.WorldId}', but the options are for world '{options.WorldId}'; restore a world with its own id.", nameof(options));
        }

        // Found before the world is made, so that a missing one leaves nothing half built.
        var entityModules = new Module?[snapshot.Entities.Count];
        for (int i = 0; i < entityModules.Length; i++)
        {
            EntitySnapshot entity = snapshot.Entities[i];
            entityModules[i] = entity.Unavailable is not null ? null
                : modules(entity.ModuleHash) ?? throw new ArgumentException($"Entity '{entity.EntityId}' of world '{snapshot.WorldId}' runs module {entity.ModuleHash}, which was not found; load every one of the snapshot's ModuleHashes before restoring it.", nameof(modules));
        }

        var world = new World(options, runtime, modules, logger, runner);
        world.Resume(snapshot, entityModules);
        return world;
    }

    /// <summary>Takes the world up at a snapshot's tick, each entity on the module found for it (null for one that cannot run).</summary>
    private void Resume(WorldSnapshot snapshot, Module?[] modules)
    {
        Tick = snapshot.Tick;
        _tickRate = snapshot.TickRate;
        _timeBase = snapshot.TimeBase;
        _tickBase = snapshot.TickBase;
        for (int i = 0; i < modules.Length; i++)
        {
            EntitySnapshot saved = snapshot.Entities[i];
            var entity = new ScriptedEntity(saved.EntityId, saved.ModuleHash, saved.State.Clone(), _runtime, _entityOptions, _logger);
            entity.Resume(modules[i], saved.Unavailable);
            _entities.Add(saved.EntityId, entity);
        }

        foreach (Delivery delivery in snapshot.Deliveries)
        {
            _deliveries.Enqueue(delivery);
        }

        _timers.UnionWith(snapshot.Timers);
        foreach ((string sender, int count) in snapshot.Undelivered)
        {
            _pendingBySender[sender] = count;
        }

        foreach ((string entityId, long[] timerIds) in snapshot.RunningTimers)
        {
            _timerIds[entityId] = [.. timerIds];
        }

        _awaitingRefresh = true;
    }

    /// <summary>
    /// Gives every entity a fresh instance on its state and runs its <c>_ready</c>, as one phase on the
    /// runner (entity actors may own the instances), merged in entity id order like any other.
    /// </summary>
    private async Task RefreshInstancesAsync(TickLog log)
    {
        EntityWork[] refresh = [new EntityWork.Refresh()]; // the same for every entity, and read only
        await RunPhaseAsync([.. _entities.Values.Select(entity => (entity, (IReadOnlyList<EntityWork>)refresh))], log, merged: null).ConfigureAwait(true);
        _awaitingRefresh = false;
    }
}
