namespace WasGo.Host.Http.Worlds;

/// <summary>A world as the API shows it.</summary>
/// <param name="Id">The world's id.</param>
/// <param name="TickRate">Ticks a second it runs at now.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Tick">Ticks completed.</param>
/// <param name="Digest">The SHA-256 over its entities' states after that tick: equal on every host that ran the same inputs.</param>
/// <param name="EntityCount">How many entities it has.</param>
internal sealed record WorldResponse(string Id, double TickRate, DateTimeOffset CreatedAt, long Tick, string Digest, int EntityCount);
