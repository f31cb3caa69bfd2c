namespace WasGo.Scripting;

/// <summary>
/// Calls a method of an entity. The sender gets a <see cref="CallResult"/>; with
/// <paramref name="Durable"/> only after the state it changed is persisted.
/// </summary>
/// <param name="Method">The method (an export of the script).</param>
/// <param name="Arguments">The arguments.</param>
/// <param name="Durable">Whether the reply waits for the write.</param>
public sealed record EntityCall(string Method, IReadOnlyList<ScriptValue> Arguments, bool Durable = false);

/// <summary>Delivers <c>_notification(what)</c>, with Godot's numbering; the sender gets a <see cref="CallResult"/>.</summary>
/// <param name="What">The notification.</param>
public sealed record EntityNotification(int What)
{
    /// <summary>Godot's NOTIFICATION_PREDELETE.</summary>
    public const int Predelete = 1;

    /// <summary>Godot's NOTIFICATION_READY.</summary>
    public const int Ready = 13;

    /// <summary>Godot's NOTIFICATION_PHYSICS_PROCESS.</summary>
    public const int PhysicsProcess = 16;

    /// <summary>Godot's NOTIFICATION_PROCESS.</summary>
    public const int Process = 17;
}

/// <summary>Delivers <c>_process(delta)</c> (or <c>_physics_process</c>); the sender gets a <see cref="CallResult"/>.</summary>
/// <param name="Delta">Seconds since the last tick.</param>
/// <param name="Physics">Whether it is the physics tick.</param>
public sealed record EntityProcess(double Delta, bool Physics = false);

/// <summary>Asks an entity for its state; the reply is an <see cref="EntityState"/>.</summary>
public sealed record GetEntityState
{
    /// <summary>Gets the one instance.</summary>
    public static GetEntityState Instance { get; } = new();
}

/// <summary>An entity's state as the host sees it.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Revision">The revision of the last write started (0 if never written).</param>
/// <param name="Columns">The script's columns (host columns, whose names start with <c>$</c>, left out).</param>
/// <param name="ModuleHash">The content hash of the module it runs.</param>
public sealed record EntityState(string EntityId, long Revision, IReadOnlyDictionary<string, ScriptValue> Columns, string ModuleHash);

/// <summary>Moves a running entity to the newest version of its module now, keeping its state; the reply is a <see cref="CallResult"/>.</summary>
public sealed record UpgradeEntity
{
    /// <summary>Gets the one instance.</summary>
    public static UpgradeEntity Instance { get; } = new();
}

/// <summary>A signal an entity emitted, published on the actor system's event stream.</summary>
/// <param name="WorldId">The entity's world.</param>
/// <param name="EntityId">The entity.</param>
/// <param name="Signal">The signal's name.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record EntitySignal(string WorldId, string EntityId, string Signal, IReadOnlyList<ScriptValue> Arguments);

/// <summary>A message an entity gave up after it trapped on every retry, published on the event stream.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Message">The message.</param>
/// <param name="Reason">The last trap.</param>
public sealed record EntityDeadLetter(string EntityId, object Message, string Reason);

/// <summary>A message for the entity <paramref name="EntityId"/>, as a region routes it.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="Message">The message.</param>
public sealed record EntityEnvelope(string EntityId, object Message);
