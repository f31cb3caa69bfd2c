namespace WasGo.Host.Http.Worlds;

/// <summary>A world just created, with its token: shown this once, since the host keeps only its hash.</summary>
/// <param name="Id">The world's id.</param>
/// <param name="TickRate">Ticks a second.</param>
/// <param name="Token">The bearer token for its calls and feed.</param>
internal sealed record CreatedWorldResponse(string Id, double TickRate, string Token);
