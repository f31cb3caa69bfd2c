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

    /// <summary>How many inputs the tick applied, traced or not.</summary>
    public const string InputsAttribute = "wasgo.world.inputs";

    /// <summary>The entity called.</summary>
    public const string EntityAttribute = "wasgo.entity.id";

    /// <summary>The method called.</summary>
    public const string MethodAttribute = "wasgo.entity.method";

    /// <summary>How the call ended: <c>ok</c>, or the ABI's error code name (<c>trapped</c>, <c>out_of_fuel</c>, …).</summary>
    public const string OutcomeAttribute = "wasgo.call.outcome";

    /// <summary>Gets the activity source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Starts the span of an entity's call, inside the span of its tick; null when nothing listens or the call was not traced.</summary>
    internal static Activity? StartCall(ActivityContext tick, string worldId, string entityId, string method)
    {
        if (tick == default)
        {
            return null;
        }

        Activity? span = Source.StartActivity("entity call", ActivityKind.Internal, tick);
        span?.SetTag(WorldAttribute, worldId).SetTag(EntityAttribute, entityId).SetTag(MethodAttribute, method);
        return span;
    }

    /// <summary>Records how a call ended on its span: <c>ok</c>, or its error code, with the error status and message.</summary>
    internal static void Ended(Activity span, CallResult result)
    {
        if (result.Error is { } error)
        {
            span.SetTag(OutcomeAttribute, error.CodeName).SetStatus(ActivityStatusCode.Error, error.Message);
        }
        else
        {
            span.SetTag(OutcomeAttribute, "ok");
        }
    }
}
