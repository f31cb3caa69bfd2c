using System.Diagnostics;

namespace WasGo.Scripting;

/// <summary>
/// The activity source of worlds (<see cref="SourceName"/>): a span for each tick that applies a
/// traced input and, inside it, one for each entity call that input makes, so that a trace of a
/// request goes on into the world. Listen to it with OpenTelemetry's <c>AddSource</c>.
/// </summary>
/// <remarks>Thread-safe. Starting an activity costs a flag check while nothing listens.</remarks>
public static class WorldTracing
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "WasGo.Worlds";

    /// <summary>The world's id.</summary>
    public const string WorldAttribute = "wasgo.world.id";

    /// <summary>The tick a span belongs to.</summary>
    public const string TickAttribute = "wasgo.world.tick";

    /// <summary>The entity called.</summary>
    public const string EntityAttribute = "wasgo.entity.id";

    /// <summary>The method called.</summary>
    public const string MethodAttribute = "wasgo.entity.method";

    /// <summary>How the call ended: <c>ok</c>, or the ABI's error code name (<c>trapped</c>, <c>out_of_fuel</c>, …).</summary>
    public const string OutcomeAttribute = "wasgo.call.outcome";

    /// <summary>Gets the activity source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
