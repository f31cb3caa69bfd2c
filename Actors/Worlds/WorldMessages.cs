using System.Diagnostics;
using WasGo.Scripting;

namespace WasGo.Actors.Worlds;

/// <summary>Adds an entity running the newest version of a module, at the next tick; the reply is a <see cref="CallResult"/>.</summary>
/// <param name="EntityId">The new entity's id.</param>
/// <param name="ModuleName">The deployed module's name.</param>
public sealed record WorldSpawn(string EntityId, string ModuleName);

/// <summary>Calls a method of an entity at the next tick; the reply is a <see cref="CallResult"/>.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Method">The method.</param>
/// <param name="Arguments">The arguments.</param>
public sealed record WorldCall(string EntityId, string Method, IReadOnlyList<ScriptValue> Arguments);

/// <summary>Removes an entity at the next tick; the reply is a <see cref="CallResult"/>.</summary>
/// <param name="EntityId">The entity.</param>
public sealed record WorldDespawn(string EntityId);

/// <summary>Changes the world's tick rate from the next tick on (recorded like any input); the reply is a <see cref="CallResult"/>.</summary>
/// <param name="TickRate">Ticks a second.</param>
public sealed record WorldSetTickRate(double TickRate);

/// <summary>
/// An input sent from within a trace (an HTTP request's): the tick that applies it gets a span in
/// that trace, and the entity call it makes a span inside the tick's (<see cref="WorldTracing"/>).
/// Nothing else about the input changes: its trace is neither recorded nor replayed.
/// </summary>
/// <param name="Trace">The sender's span.</param>
/// <param name="Input">A <see cref="WorldSpawn"/>, <see cref="WorldCall"/>, <see cref="WorldDespawn"/> or <see cref="WorldSetTickRate"/>, alone or in an <see cref="IdempotentInput"/>.</param>
public sealed record TracedInput(ActivityContext Trace, object Input);

/// <summary>Asks a world for its status; the reply is a <see cref="WorldStatus"/>.</summary>
public sealed record GetWorldStatus
{
    /// <summary>Gets the one instance.</summary>
    public static GetWorldStatus Instance { get; } = new();
}

/// <summary>A world's status.</summary>
/// <param name="WorldId">The world.</param>
/// <param name="Tick">Ticks completed.</param>
/// <param name="Digest">The digest after the last tick (hex).</param>
/// <param name="Entities">Each entity's script columns, by id.</param>
/// <param name="TickRate">Ticks a second it runs at now.</param>
/// <param name="Modules">The content hash of each entity's module, by id (the same ids as <paramref name="Entities"/>).</param>
public sealed record WorldStatus(string WorldId, long Tick, string Digest, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ScriptValue>> Entities, double TickRate, IReadOnlyDictionary<string, string> Modules);

/// <summary>Published on the event stream after every tick of a world that did something, and after its recovery.</summary>
/// <param name="WorldId">The world.</param>
/// <param name="Tick">The tick.</param>
/// <param name="Digest">The digest after it (hex).</param>
/// <param name="Signals">The signals emitted during it.</param>
/// <param name="Recovered">Whether this is the state rebuilt from the recorded inputs at start.</param>
/// <param name="GivenUp">Messages given up during the tick after every retry trapped (the world's dead letters), or null for none.</param>
public sealed record WorldTicked(string WorldId, long Tick, string Digest, IReadOnlyList<EntitySignal> Signals, bool Recovered = false, IReadOnlyList<(string EntityId, string Reason)>? GivenUp = null);

/// <summary>
/// Records the world's current tick in its journal, so that a restart replays up to here rather than
/// to the last tick that had inputs (ticks without inputs are otherwise not recorded); the reply is a
/// <see cref="WorldCheckpointed"/>. A host sends it to every world when it stops; the world ticks no
/// more after it, so a restart resumes at exactly that tick.
/// </summary>
public sealed record CheckpointWorld
{
    /// <summary>Gets the one instance.</summary>
    public static CheckpointWorld Instance { get; } = new();
}

/// <summary>The reply to <see cref="CheckpointWorld"/>.</summary>
/// <param name="Tick">The tick a restart replays to.</param>
/// <param name="Digest">The world's digest at that tick (hex), which the replay reaches.</param>
public sealed record WorldCheckpointed(long Tick, string Digest);

/// <summary>
/// An input to a world with a key its sender keeps when it sends it again (a client's
/// <c>Idempotency-Key</c>, retried after a timeout or while the world moves). The world journals the
/// key with the input, so a repeat — even after the world moved and recovered — is answered with the
/// first answer and takes no effect again.
/// </summary>
/// <param name="Key">The key: 1 to <see cref="MaxKeyLength"/> printable ASCII characters.</param>
/// <param name="Input">A <see cref="WorldSpawn"/>, <see cref="WorldCall"/>, <see cref="WorldDespawn"/> or <see cref="WorldSetTickRate"/>.</param>
public sealed record IdempotentInput(string Key, object Input)
{
    /// <summary>The longest key a world keeps.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>Says what is wrong with a key, or null if nothing is.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The problem, worded for the sender.</returns>
    public static string? KeyProblem(string? key) =>
        string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || !key.All(c => c is >= ' ' and <= '~')
            ? $"An idempotency key is 1 to {MaxKeyLength} printable ASCII characters."
            : null;
}

/// <summary>Why a world's actor stopped for a journal failure (see <see cref="WorldFailureNote"/>).</summary>
/// <param name="WorldId">The world.</param>
/// <param name="Fenced">Whether another owner wrote the journal first: the world runs elsewhere now.</param>
/// <param name="Cause">What the journal said.</param>
public sealed record WorldFailed(string WorldId, bool Fenced, Exception Cause);

/// <summary>
/// Asks a world for its input feed, sent to the sender: a <see cref="WorldInputFrame"/> with the
/// feed's start (<see cref="InputFeedStart"/>) at once, then one with each tick it runs
/// (<see cref="InputFeedTick"/>), until the sender stops. The sender should watch the world that
/// answers: a world that stops (it moves to another node) sends no more, and is asked again, from
/// the last tick the sender had.
/// </summary>
/// <param name="From">The tick a returning follower is at, so that the start carries the inputs since; null for a new one.</param>
public sealed record FollowWorldInputs(long? From = null);

/// <summary>Asks a world for the start of its input feed now, without following it; the reply is a <see cref="WorldInputFrame"/>.</summary>
public sealed record GetWorldInputWindow
{
    /// <summary>Gets the one instance.</summary>
    public static GetWorldInputWindow Instance { get; } = new();
}

/// <summary>One frame of a world's input feed, encoded (<see cref="InputFeedFrame.Encode"/>) once for all its followers.</summary>
/// <param name="Frame">The frame's bytes.</param>
public sealed record WorldInputFrame(byte[] Frame);

/// <summary>Asks a world which modules it has loaded (every module its entities ran since it started or recovered); the reply is a <see cref="WorldModules"/>.</summary>
public sealed record GetWorldModules
{
    /// <summary>Gets the one instance.</summary>
    public static GetWorldModules Instance { get; } = new();
}

/// <summary>The content hashes of the modules a world has loaded, in ordinal order.</summary>
/// <param name="Hashes">The hashes.</param>
public sealed record WorldModules(IReadOnlyList<string> Hashes);
