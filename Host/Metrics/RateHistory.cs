namespace WasGo.Host.Metrics;

/// <summary>Samples the scripting counters once a second and keeps the last two minutes of rates, for the dashboard.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class RateHistory(ScriptCounterTotals totals, TimeProvider time) : BackgroundService
{
    /// <summary>How many seconds are kept.</summary>
    public const int Length = 120;

    private static readonly string[] s_counters =
        ["wasgo.script.messages", "wasgo.script.notifications", "wasgo.script.fuel", "wasgo.script.traps", "wasgo.entity.activations"];

    private readonly Lock _syncObj = new();
    private readonly Queue<RateSample> _samples = new();

    public IReadOnlyList<RateSample> Samples()
    {
        lock (_syncObj)
        {
            return [.. _samples];
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SampleAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A host that failed to start cancels this without stopping it first; the host would log
            // the cancellation as a failed service, though nothing failed here.
        }
    }

    private async Task SampleAsync(CancellationToken stoppingToken)
    {
        double[] before = Read();
        long last = time.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            double[] now = Read();
            double seconds = time.GetElapsedTime(last).TotalSeconds;
            last = time.GetTimestamp();
            double Rate(int i) => (now[i] - before[i]) / seconds;
            var sample = new RateSample(time.GetUtcNow(), Rate(0), Rate(1), Rate(2), Rate(3), Rate(4));
            before = now;
            lock (_syncObj)
            {
                if (_samples.Count == Length)
                {
                    _samples.Dequeue();
                }

                _samples.Enqueue(sample);
            }
        }
    }

    private double[] Read() => [.. s_counters.Select(name => (double)totals.TotalOf(name))];
}
