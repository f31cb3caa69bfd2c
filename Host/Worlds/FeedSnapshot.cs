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
