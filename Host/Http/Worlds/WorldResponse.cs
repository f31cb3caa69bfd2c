namespace WasGo.Host.Http.Worlds;

/// <summary>A world as the API shows it.</summary>
/// <param name="Id">The world's id.</param>
/// <param name="TickRate">Ticks a second.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Tick">Ticks completed.</param>
/// <param name="Digest">The SHA-256 over its entities' states after that tick: equal on every host that ran the same inputs.</param>
/// <param name="EntityCount">How many entities it has.</param>
internal sealed record WorldResponse(string Id, double TickRate, DateTimeOffset CreatedAt, long Tick, string Digest, int EntityCount);

/// <summary>A world just created, with its token: shown this once, since the host keeps only its hash.</summary>
/// <param name="Id">The world's id.</param>
/// <param name="TickRate">Ticks a second.</param>
/// <param name="Token">The bearer token for its calls and feed.</param>
internal sealed record CreatedWorldResponse(string Id, double TickRate, string Token);

/// <summary>A world's digest at a tick.</summary>
/// <param name="Tick">Ticks completed.</param>
/// <param name="Digest">The digest after it.</param>
internal sealed record DigestResponse(long Tick, string Digest);
