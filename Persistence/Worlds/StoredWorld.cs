namespace WasGo.Persistence;

/// <summary>A world as the world list keeps it: written once, never changed.</summary>
/// <param name="Id">The world's id, unique in the list.</param>
/// <param name="TickRate">Ticks a second it was created with; a finite number.</param>
/// <param name="TokenHash">The hash of its token, kept byte for byte.</param>
/// <param name="CreatedAt">When it was created; kept to the millisecond and read back in UTC.</param>
public sealed record StoredWorld(string Id, double TickRate, byte[] TokenHash, DateTimeOffset CreatedAt);
