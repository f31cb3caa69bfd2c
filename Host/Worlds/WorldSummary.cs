namespace WasGo.Host.Worlds;

/// <summary>What the host last knew of a world: from its last answered status, moved on by the ticks it published since.</summary>
/// <param name="Tick">Ticks completed.</param>
/// <param name="Digest">The digest after that tick.</param>
/// <param name="TickRate">Ticks a second.</param>
/// <param name="EntityCount">How many entities it had, or null if no status of it was read yet.</param>
internal sealed record WorldSummary(long Tick, string Digest, double TickRate, int? EntityCount);
