using System.Diagnostics;

namespace WasGo.Benchmarks.Host;

/// <summary>Latencies of one kind of call, gathered from many tasks, with the errors counted apart.</summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _syncObj = new();
    private readonly List<double> _milliseconds = [];
    private long _errors;

    public long Errors => Interlocked.Read(ref _errors);

    public int Count
    {
        get
        {
            lock (_syncObj)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Record(long startTimestamp)
    {
        double elapsed = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        lock (_syncObj)
        {
            _milliseconds.Add(elapsed);
        }
    }

    public void Error() => Interlocked.Increment(ref _errors);

    public double Percentile(double p)
    {
        lock (_syncObj)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            double[] sorted = [.. _milliseconds.Order()];
            return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }
    }
}
