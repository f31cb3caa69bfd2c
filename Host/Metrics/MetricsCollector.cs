using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace WasGo.Host.Metrics;

/// <summary>
/// Listens to the host's WasGo meters and aggregates in memory what the Prometheus endpoint shows and the
/// dashboard's rates are computed from. Written here because the OpenTelemetry Prometheus exporter
/// is not in our package source; the text format is Prometheus' exposition format 0.0.4.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class MetricsCollector : IDisposable
{
    /// <summary>Histogram bucket bounds, in the instrument's unit (seconds for durations).</summary>
    private static readonly double[] s_bucketBounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, MetricSeries>> _series = new();

    /// <summary>Listens to the WasGo meters this host's factory made (another host in the same process has its own).</summary>
    public MetricsCollector(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("WasGo.", StringComparison.Ordinal) && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measure(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Measure(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measure(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Gets the total of a counter over all its tags, or 0 if it has not been measured.</summary>
    public double Total(string instrumentName) =>
        _series.Where(s => s.Key.Name == instrumentName).SelectMany(s => s.Value.Values).Sum(s => s.Read().Sum);

    /// <summary>Writes every series in the Prometheus text format, after reading the gauges.</summary>
    public string ToPrometheusText()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach ((Instrument instrument, ConcurrentDictionary<string, MetricSeries> series) in _series.OrderBy(s => s.Key.Name, StringComparer.Ordinal))
        {
            string name = PrometheusName(instrument);
            string type = instrument switch
            {
                Counter<long> or Counter<double> or ObservableCounter<long> => "counter",
                Histogram<double> => "histogram",
                _ => "gauge",
            };
            text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (MetricSeries one in series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal))
            {
                (double sum, long count, long[] buckets) = one.Read();
                if (type != "histogram")
                {
                    Line(text, name, one.Labels, sum);
                    continue;
                }

                for (int i = 0; i < buckets.Length; i++)
                {
                    string bound = i < s_bucketBounds.Length ? s_bucketBounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                    Line(text, name + "_bucket", WithLabel(one.Labels, "le", bound), buckets[i]);
                }

                Line(text, name + "_sum", one.Labels, sum);
                Line(text, name + "_count", one.Labels, count);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Measure(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string labels = Labels(tags);
        ConcurrentDictionary<string, MetricSeries> series = _series.GetOrAdd(instrument, static _ => new(StringComparer.Ordinal));
        MetricSeries one = series.GetOrAdd(labels, (l, histogram) => new MetricSeries(l, histogram ? s_bucketBounds : null), instrument is Histogram<double>);
        switch (instrument)
        {
            case Histogram<double>:
                one.Record(value);
                break;
            case Counter<long> or Counter<double>:
                one.Add(value);
                break;
            default:
                one.Set(value);
                break;
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var pairs = new List<string>(tags.Length);
        foreach ((string key, object? value) in tags)
        {
            pairs.Add($"{key.Replace('.', '_')}=\"{Escape(Convert.ToString(value, CultureInfo.InvariantCulture))}\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return "{" + string.Join(',', pairs) + "}";
    }

    private static string WithLabel(string labels, string key, string value) =>
        labels.Length == 0 ? $"{{{key}=\"{value}\"}}" : $"{labels[..^1]},{key}=\"{value}\"}}";

    private static string Escape(string? value) =>
        (value ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void Line(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    /// <summary>Prometheus' conventions: dots to underscores, the unit as a suffix, <c>_total</c> on counters.</summary>
    private static string PrometheusName(Instrument instrument)
    {
        string name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "s")
        {
            name += "_seconds";
        }

        return instrument is Counter<long> or Counter<double> ? name + "_total" : name;
    }
}
