namespace WasGo.Scripting;

/// <summary>An entity tells its region that it has been idle: the region stops it, and starts it again for the next message.</summary>
/// <param name="Entity">The entity.</param>
public sealed record Passivate(WasGo.Actors.IActorRef Entity);
