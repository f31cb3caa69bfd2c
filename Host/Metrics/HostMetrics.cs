using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WasGo.Host.Metrics;

/// <summary>
/// The host's own meter (<see cref="MeterName"/>): persistence latency and dead letters; worlds, feed
/// subscribers and shards are observed by <see cref="WorldGauges"/>, Akka's cluster and mailboxes by
/// <see cref="ActorSystemGauges"/>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class HostMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "WasGo.Host";

    /// <summary>Store operations take milliseconds; OpenTelemetry's default buckets are for milliseconds counted as numbers up to 10,000.</summary>
    private static readonly InstrumentAdvice<double> s_secondsBuckets = new() { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] };

    private readonly Histogram<double> _persistence;
    private readonly Counter<long> _deadLetters;

    public HostMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _persistence = Meter.CreateHistogram("wasgo.persistence.duration", "s", "How long a store operation took (module and world list reads and writes; the journals are Akka.Persistence.Sql's, metered by it).", tags: null, advice: s_secondsBuckets);
        _deadLetters = Meter.CreateCounter<long>("wasgo.dead_letters", "{message}", "Messages that reached no one, by kind: Akka's (dead-letter, dropped, unhandled) and scripts' messages given up after every retry trapped (given-up).");
    }

    /// <summary>Gets the meter, for gauges observed elsewhere.</summary>
    public Meter Meter { get; }

    /// <summary>Records how long a store operation took since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Persisted(string operation, long startTimestamp) =>
        _persistence.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Counts a dead letter of a kind (<c>dead-letter</c>, <c>dropped</c>, <c>unhandled</c>, <c>given-up</c>).</summary>
    public void DeadLetter(string kind) => _deadLetters.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
