namespace WasGo.Host.Metrics;

/// <summary>One series of an instrument (one set of tag values): a counter's sum, a gauge's last value, or a histogram's buckets.</summary>
/// <remarks>Thread-safe: measurements arrive on any thread.</remarks>
internal sealed class MetricSeries(string labels, double[]? bucketBounds)
{
    private readonly Lock _syncObj = new();
    private readonly long[]? _bucketCounts = bucketBounds is null ? null : new long[bucketBounds.Length + 1];
    private double _sum;
    private long _count;

    /// <summary>Gets the Prometheus labels (<c>{code="trapped"}</c>, or empty).</summary>
    public string Labels { get; } = labels;

    public void Add(double value)
    {
        lock (_syncObj)
        {
            _sum += value;
            _count++;
        }
    }

    public void Set(double value)
    {
        lock (_syncObj)
        {
            _sum = value;
            _count = 1;
        }
    }

    public void Record(double value)
    {
        lock (_syncObj)
        {
            _sum += value;
            _count++;
            int bucket = Array.BinarySearch(bucketBounds!, value);
            _bucketCounts![bucket < 0 ? ~bucket : bucket]++;
        }
    }

    /// <summary>Reads the series: the sum (or value), the count, and cumulative bucket counts for a histogram.</summary>
    public (double Sum, long Count, long[] CumulativeBuckets) Read()
    {
        lock (_syncObj)
        {
            long[] cumulative = [];
            if (_bucketCounts is not null)
            {
                cumulative = new long[_bucketCounts.Length];
                long running = 0;
                for (int i = 0; i < _bucketCounts.Length; i++)
                {
                    running += _bucketCounts[i];
                    cumulative[i] = running;
                }
            }

            return (_sum, _count, cumulative);
        }
    }
}
