using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>The first message of a world's feed: every entity's state row and the recent signals.</summary>
/// <param name="World">The world.</param>
/// <param name="Tick">Ticks completed.</param>
/// <param name="Digest">The world's digest after that tick.</param>
/// <param name="Entities">Each entity's script columns, by id.</param>
/// <param name="Signals">The most recent signals, oldest first.</param>
internal sealed record FeedSnapshot(string World, long Tick, string Digest, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ScriptValue>> Entities, IReadOnlyList<FeedSignal> Signals)
{
    public string Type { get; } = "snapshot";
}

/// <summary>An entity's state row changed (or it was spawned).</summary>
/// <param name="Tick">The tick seen.</param>
/// <param name="Entity">The entity.</param>
/// <param name="Columns">Its whole row.</param>
internal sealed record FeedState(long Tick, string Entity, IReadOnlyDictionary<string, ScriptValue> Columns)
{
    public string Type { get; } = "state";
}

/// <summary>An entity left the world.</summary>
/// <param name="Tick">The tick seen.</param>
/// <param name="Entity">The entity.</param>
internal sealed record FeedRemoved(long Tick, string Entity)
{
    public string Type { get; } = "removed";
}

/// <summary>The world moved on: its tick and digest.</summary>
/// <param name="Tick">Ticks completed.</param>
/// <param name="Digest">The digest after it.</param>
internal sealed record FeedTick(long Tick, string Digest)
{
    public string Type { get; } = "tick";
}

/// <summary>An entity emitted a signal.</summary>
/// <param name="Tick">The tick it was emitted in.</param>
/// <param name="Entity">The entity.</param>
/// <param name="Signal">The signal's name.</param>
/// <param name="Args">Its arguments.</param>
internal sealed record FeedSignal(long Tick, string Entity, string Signal, IReadOnlyList<ScriptValue> Args)
{
    public string Type { get; } = "signal";
}
