namespace WasGo.Scripting;

/// <summary>A call the wall clock stopped: the entity that ran it and the call's number among that entity's calls in the tick.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Call">The call's number in the entity's tick, from 0. An entity's calls run in the same order on every machine, whichever thread runs them.</param>
public readonly record struct TimedOutCall(string EntityId, int Call);
