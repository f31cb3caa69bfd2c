namespace WasGo.Scripting;

public sealed partial class World
{
    /// <summary>
    /// How many ticks apart a world refreshes its entities' instances: the step after every tick that
    /// is a positive multiple of this begins by giving every entity a fresh instance on its state and
    /// running its <c>_ready</c>, so that nothing in an instance's memory outlasts such a tick.
    /// </summary>
    public const long SnapshotInterval = 1024;

    /// <summary>Gets whether the next step begins with the refresh of every instance.</summary>
    private bool RefreshDue => Tick > 0 && Tick % SnapshotInterval == 0;

    /// <summary>
    /// Gives every entity a fresh instance on its state and runs its <c>_ready</c>, as one phase on the
    /// runner (entity actors may own the instances), merged in entity id order like any other.
    /// </summary>
    private Task RefreshInstancesAsync(TickLog log)
    {
        EntityWork[] refresh = [new EntityWork.Refresh()]; // the same for every entity, and read only
        return RunPhaseAsync([.. _entities.Values.Select(entity => (entity, (IReadOnlyList<EntityWork>)refresh))], log, merged: null);
    }
}
