using System.Diagnostics;
using WasGo.Scripting;

namespace WasGo.Actors.Worlds;

/// <summary>
/// The spans of one tick (<see cref="WorldTracing"/>): one in each trace that sent the tick an input,
/// so that every traced request finds the tick that applied it under its own span. Started before
/// the tick's step and ended after it; nothing is started while no trace sent an input or nothing listens.
/// </summary>
/// <remarks>Not thread-safe: the world's actor owns it for the one step.</remarks>
internal sealed class TickSpans : IDisposable
{
    private readonly List<Activity> _spans;

    private TickSpans(List<Activity> spans, ActivityContext[]? traces)
    {
        _spans = spans;
        Traces = traces;
    }

    /// <summary>Gets, for each input, the context of its tick span (default for an untraced input); null when no input is traced.</summary>
    public IReadOnlyList<ActivityContext>? Traces { get; }

    /// <summary>Starts a span for each distinct trace among the inputs' senders.</summary>
    /// <param name="worldId">The world.</param>
    /// <param name="tick">The tick about to run.</param>
    /// <param name="senders">For each input, the span of the request that sent it, or default.</param>
    public static TickSpans Start(string worldId, long tick, IReadOnlyList<ActivityContext> senders)
    {
        if (!senders.Any(static s => s != default) || !WorldTracing.Source.HasListeners())
        {
            return new TickSpans([], null);
        }

        // Started with explicit parents: the actor's own current activity is left as it was, so that
        // nothing after this step is taken for part of one of these traces.
        Activity? current = Activity.Current;
        var spans = new List<Activity>();
        var byParent = new Dictionary<ActivityContext, ActivityContext>();
        var traces = new ActivityContext[senders.Count];
        for (int i = 0; i < senders.Count; i++)
        {
            ActivityContext sender = senders[i];
            if (sender == default)
            {
                continue;
            }

            if (!byParent.TryGetValue(sender, out ActivityContext tickSpan))
            {
                Activity? span = WorldTracing.Source.StartActivity("world tick", ActivityKind.Internal, sender);
                span?.SetTag(WorldTracing.WorldAttribute, worldId).SetTag(WorldTracing.TickAttribute, tick).SetTag(WorldTracing.InputsAttribute, senders.Count);
                if (span is not null)
                {
                    spans.Add(span);
                }

                byParent[sender] = tickSpan = span?.Context ?? default;
            }

            traces[i] = tickSpan;
        }

        Activity.Current = current;
        return new TickSpans(spans, traces);
    }

    /// <summary>Ends every span of the tick.</summary>
    public void Dispose()
    {
        Activity? current = Activity.Current;
        foreach (Activity span in _spans)
        {
            span.Dispose();
        }

        Activity.Current = current; // a span that ends may make its parent current
    }
}
