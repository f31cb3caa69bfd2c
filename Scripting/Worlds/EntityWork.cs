using System.Diagnostics;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>One thing an entity does in a tick, as part of its <see cref="EntityBatch"/>.</summary>
internal abstract record EntityWork
{
    /// <summary>A spawn: a first instance on the module, then <c>_ready</c>.</summary>
    public sealed record Load(Module Module) : EntityWork;

    /// <summary>
    /// The refresh after every tick that is a multiple of <see cref="World.SnapshotInterval"/>: a fresh
    /// instance on the entity's state, then <c>_ready</c>. An entity that cannot run stays so.
    /// </summary>
    public sealed record Refresh : EntityWork;

    /// <summary>A method called by a client or another entity.</summary>
    /// <param name="Method">The method.</param>
    /// <param name="Arguments">Its arguments.</param>
    /// <param name="Trace">The span of the tick that applies a traced client's call, which the call's span goes in; default for none.</param>
    public sealed record Call(string Method, IReadOnlyList<ScriptValue> Arguments, ActivityContext Trace = default) : EntityWork;

    /// <summary>A lifecycle notification: <c>_process</c>, <c>_timer</c>, <c>_notification</c>.</summary>
    public sealed record Notify(string Name, IReadOnlyList<ScriptValue> Arguments) : EntityWork;

    /// <summary>The answer to a call the entity made in an earlier round, for its <c>_reply</c>.</summary>
    public sealed record Reply(long CallId, CallResult Result) : EntityWork;
}
