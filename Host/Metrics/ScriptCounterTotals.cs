using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics;

namespace WasGo.Host.Metrics;

/// <summary>
/// Keeps the running total of each counter of this host's WasGo meters, for the dashboard's rates
/// (<see cref="RateHistory"/>). A listener of the host's metrics system, enabled for this host's own
/// meters only; the exporting is OpenTelemetry's.
/// </summary>
/// <remarks>Thread-safe: measurements arrive on any thread.</remarks>
internal sealed class ScriptCounterTotals : IMetricsListener
{
    /// <summary>The listener's name in the metrics rules.</summary>
    public const string ListenerName = "WasGo.CounterTotals";

    private readonly ConcurrentDictionary<string, Total> _totals = new(StringComparer.Ordinal);

    public string Name => ListenerName;

    /// <summary>Gets the total of a counter over all its tags, or 0 if it has not counted anything.</summary>
    public long TotalOf(string instrumentName) => _totals.TryGetValue(instrumentName, out Total? total) ? Interlocked.Read(ref total.Value) : 0;

    public void Initialize(IObservableInstrumentsSource source)
    {
        // Counters only: nothing observable to collect.
    }

    public bool InstrumentPublished(Instrument instrument, out object? userState)
    {
        userState = instrument is Counter<long> ? _totals.GetOrAdd(instrument.Name, static _ => new Total()) : null;
        return userState is not null;
    }

    public void MeasurementsCompleted(Instrument instrument, object? userState)
    {
        // The totals stay: a host's meters end only as it stops.
    }

    public MeasurementHandlers GetMeasurementHandlers() => new()
    {
        LongHandler = static (_, value, _, state) => Interlocked.Add(ref ((Total)state!).Value, value),
    };

    private sealed class Total
    {
        public long Value;
    }
}
