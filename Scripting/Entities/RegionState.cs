namespace WasGo.Scripting;

/// <summary>Asks a region which entities it has running; the reply is a <see cref="RegionState"/>.</summary>
public sealed record GetRegionState
{
    /// <summary>Gets the one instance.</summary>
    public static GetRegionState Instance { get; } = new();
}

/// <summary>The entities a region has running (active, not passivated), in id order.</summary>
/// <param name="ActiveEntities">Their ids.</param>
public sealed record RegionState(IReadOnlyList<string> ActiveEntities);
