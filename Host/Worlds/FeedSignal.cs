using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>An entity emitted a signal.</summary>
/// <param name="Tick">The tick it was emitted in.</param>
/// <param name="Entity">The entity.</param>
/// <param name="Signal">The signal's name.</param>
/// <param name="Args">Its arguments.</param>
internal sealed record FeedSignal(long Tick, string Entity, string Signal, IReadOnlyList<ScriptValue> Args)
{
    public string Type { get; } = "signal";
}
