namespace WasGo.Host.Worlds;

/// <summary>An entity left the world.</summary>
/// <param name="Tick">The tick seen.</param>
/// <param name="Entity">The entity.</param>
internal sealed record FeedRemoved(long Tick, string Entity)
{
    public string Type { get; } = "removed";
}
