namespace WasGo.Scripting;

/// <summary>What one tick of a world did.</summary>
/// <param name="Tick">The tick's number (the first is 1).</param>
/// <param name="Digest">The SHA-256 over every entity's id and state, in id order: equal on every machine that ran the same inputs.</param>
/// <param name="InputResults">The result of each input, in the order applied.</param>
/// <param name="Signals">The signals emitted during the tick, in order.</param>
/// <param name="GivenUp">Messages and notifications that failed for good (a trap, fuel, a limit, the wall clock): the entity and the reason.</param>
/// <param name="TimedOutCalls">
/// The calls of the tick the wall clock stopped, by entity and number in the entity's tick, in that
/// order: what a replay must repeat (<see cref="World.StepAsync"/>), since the wall clock would not
/// decide the same way twice.
/// </param>
public sealed record TickResult(long Tick, byte[] Digest, IReadOnlyList<CallResult> InputResults, IReadOnlyList<EntitySignal> Signals, IReadOnlyList<(string EntityId, string Reason)> GivenUp, IReadOnlyList<TimedOutCall> TimedOutCalls)
{
    /// <summary>Gets the digest as lower-case hex.</summary>
    public string DigestHex => Convert.ToHexStringLower(Digest);
}
