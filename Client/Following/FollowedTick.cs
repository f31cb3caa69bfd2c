namespace WasGo.Client;

/// <summary>A tick the client stepped, and whether its digest was the host's.</summary>
/// <param name="Tick">The tick.</param>
/// <param name="Digest">The client's digest after it (hex).</param>
/// <param name="Agrees">Whether it is the host's; the first that is not ends the following, with <paramref name="Disagreement"/>.</param>
/// <param name="Lag">How many ticks the host had sent that the client had not stepped yet.</param>
/// <param name="Resumed">Whether the feed started again before this tick (a reconnect: the host restarted, or the world moved) and the client checked it carried on from where it was.</param>
/// <param name="Disagreement">Where the client and host first differ, when they do.</param>
/// <param name="Prediction">What became of the call the client predicted at this tick, if it predicted one.</param>
public sealed record FollowedTick(long Tick, string Digest, bool Agrees, long Lag, bool Resumed = false, Disagreement? Disagreement = null, PredictionOutcome? Prediction = null);
