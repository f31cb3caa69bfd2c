namespace WasGo.Host.Http.Worlds;

/// <summary>A world's digest at a tick.</summary>
/// <param name="Tick">Ticks completed.</param>
/// <param name="Digest">The digest after it.</param>
internal sealed record DigestResponse(long Tick, string Digest);
