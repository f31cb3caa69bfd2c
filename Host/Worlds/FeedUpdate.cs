using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>What changed in a world since the feed's last read of it, in one message: the rows that changed (or appeared) and the entities that left.</summary>
/// <param name="Tick">Ticks completed.</param>
/// <param name="Digest">The world's digest after that tick.</param>
/// <param name="Entities">The whole row of each entity that changed or was spawned, by id.</param>
/// <param name="Removed">The entities that left the world.</param>
internal sealed record FeedUpdate(long Tick, string Digest, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ScriptValue>> Entities, IReadOnlyList<string> Removed)
{
    public string Type { get; } = "update";
}
