namespace WasGo.Host.Worlds;

/// <summary>The world moved on: its tick and digest.</summary>
/// <param name="Tick">Ticks completed.</param>
/// <param name="Digest">The digest after it.</param>
internal sealed record FeedTick(long Tick, string Digest)
{
    public string Type { get; } = "tick";
}
