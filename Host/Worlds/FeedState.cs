using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>An entity's state row changed (or it was spawned).</summary>
/// <param name="Tick">The tick seen.</param>
/// <param name="Entity">The entity.</param>
/// <param name="Columns">Its whole row.</param>
internal sealed record FeedState(long Tick, string Entity, IReadOnlyDictionary<string, ScriptValue> Columns)
{
    public string Type { get; } = "state";
}
