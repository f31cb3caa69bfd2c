using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WasGo.Host.Metrics;

/// <summary>The host's own meter (<see cref="MeterName"/>): persistence latency; worlds and feed subscribers are observed by <see cref="WorldGauges"/>.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class HostMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "WasGo.Host";

    private readonly Histogram<double> _persistence;

    public HostMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _persistence = Meter.CreateHistogram<double>("wasgo.persistence.duration", "s", "How long a store operation took (module and world list reads and writes; the journals are Akka.Persistence.Sql's, metered by it).");
    }

    /// <summary>Gets the meter, for gauges observed elsewhere.</summary>
    public Meter Meter { get; }

    /// <summary>Records how long a store operation took since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Persisted(string operation, long startTimestamp) =>
        _persistence.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
}
