namespace WasGo.Host.Worlds;

/// <summary>A world as the host remembers it across restarts (its entities are in its own journal).</summary>
/// <param name="Id">The world's id.</param>
/// <param name="TickRate">Ticks a second it was created with: its journal replays from this rate, and later changes are inputs in the journal.</param>
/// <param name="TokenHash">The SHA-256 of its token.</param>
/// <param name="CreatedAt">When it was created.</param>
internal sealed record WorldRecord(string Id, double TickRate, byte[] TokenHash, DateTimeOffset CreatedAt);
