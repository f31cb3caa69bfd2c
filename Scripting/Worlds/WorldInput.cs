namespace WasGo.Scripting;

/// <summary>Something from outside a world (a client, an operator), applied at the start of a tick in the order given.</summary>
public abstract record WorldInput;

/// <summary>Adds an entity running the module with content hash <paramref name="ModuleHash"/>.</summary>
/// <param name="EntityId">The new entity's id.</param>
/// <param name="ModuleHash">The module's content hash.</param>
public sealed record SpawnInput(string EntityId, string ModuleHash) : WorldInput;

/// <summary>Calls a method of an entity.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Method">The method.</param>
/// <param name="Arguments">The arguments.</param>
public sealed record CallInput(string EntityId, string Method, IReadOnlyList<ScriptValue> Arguments) : WorldInput;

/// <summary>Removes an entity (it gets <c>_notification(PREDELETE)</c> first).</summary>
/// <param name="EntityId">The entity.</param>
public sealed record DespawnInput(string EntityId) : WorldInput;

/// <summary>
/// Changes how many ticks a second the world runs, from the next tick on. It is an input like any
/// other, recorded and replayed at the same tick, so a replay keeps the same deltas, times and digests.
/// </summary>
/// <param name="TickRate">The new rate.</param>
public sealed record SetTickRateInput(double TickRate) : WorldInput;
