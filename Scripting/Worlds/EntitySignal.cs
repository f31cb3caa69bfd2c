namespace WasGo.Scripting;

/// <summary>A signal an entity emitted in a tick (<see cref="TickResult.Signals"/>), for the world's followers.</summary>
/// <param name="WorldId">The entity's world.</param>
/// <param name="EntityId">The entity.</param>
/// <param name="Signal">The signal's name.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record EntitySignal(string WorldId, string EntityId, string Signal, IReadOnlyList<ScriptValue> Arguments);
