using WasGo.Scripting;

namespace WasGo.Actors.Worlds;

/// <summary>
/// What a world's actor saves every <see cref="World.SnapshotInterval"/> ticks, so that recovery
/// replays only the events after it: the world itself, the tick a restart resumes at, and the
/// answers to the latest inputs with idempotency keys (a repeat after recovery still gets its first
/// answer).
/// </summary>
/// <param name="World">The world at a snapshot tick.</param>
/// <param name="ResumeAt">The tick a restart resumes at, as recorded when the snapshot was taken.</param>
/// <param name="Answered">The kept answers, oldest first.</param>
public sealed record WorldActorSnapshot(WorldSnapshot World, long ResumeAt, IReadOnlyList<KeyValuePair<string, CallResult>> Answered)
{
    /// <summary>The snapshot store manifest: the version of this form (its world's own form is <see cref="WorldSnapshot.Manifest"/>, inside it).</summary>
    public const string Manifest = "wasgo-world-actor-snapshot-v1";
}
