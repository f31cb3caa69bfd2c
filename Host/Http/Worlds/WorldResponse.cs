namespace WasGo.Host.Http.Worlds;

/// <summary>A world as the API shows it.</summary>
/// <param name="Id">The world's id.</param>
/// <param name="TickRate">Ticks a second it runs at now.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Tick">Ticks completed; null if the host has not heard of any yet.</param>
/// <param name="Digest">The SHA-256 over its entities' states after that tick: equal on every host that ran the same inputs; null if not known yet.</param>
/// <param name="EntityCount">How many entities it has; null if not known yet.</param>
/// <param name="Followers">How many clients follow its input feed (<c>/api/worlds/{id}/inputs</c>) on this node, co-simulating it.</param>
/// <param name="Disagreeing">How many of them said their digest was not the host's (a client leaves right after it says so).</param>
/// <param name="State">
/// <c>running</c>: it answered just now; <c>busy</c>: it did not answer within a second (still
/// working on a tick), so the values are the last the host knew; <c>restarting</c>: it failed and is
/// started again after a back-off; <c>unavailable</c>: it could not be asked.
/// </param>
internal sealed record WorldResponse(string Id, double TickRate, DateTimeOffset CreatedAt, long? Tick, string? Digest, int? EntityCount, int Followers, int Disagreeing, string State = WorldResponse.Running)
{
    /// <summary>The world answered.</summary>
    public const string Running = "running";

    /// <summary>The world did not answer in time.</summary>
    public const string Busy = "busy";

    /// <summary>The world is backing off after a failure.</summary>
    public const string Restarting = "restarting";

    /// <summary>The world could not be asked.</summary>
    public const string Unavailable = "unavailable";
}
