using System.Diagnostics;

namespace WasGo.Host.Cluster;

/// <summary>
/// The delays between restarts of an actor that keeps failing, as Akka's <c>BackoffSupervisor</c>
/// computes them: <see cref="MinBackoff"/> after the first failure, doubling with each failure in
/// a row up to <see cref="MaxBackoff"/>; a run of <see cref="ResetAfter"/> without failing starts
/// the count again. No jitter: a world fails for reasons of its own, not at the same moment as others.
/// </summary>
/// <remarks>Not thread-safe: one actor owns it.</remarks>
[DebuggerDisplay("{Failures} failures in a row")]
internal sealed class RestartBackoff(TimeProvider clock)
{
    /// <summary>The delay after a first failure.</summary>
    public static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>How long a run without failing must last for the next failure to count as a first one.</summary>
    public static readonly TimeSpan ResetAfter = TimeSpan.FromSeconds(30);

    private long _startedAt = clock.GetTimestamp();

    /// <summary>Gets how many times in a row the actor failed.</summary>
    public int Failures { get; private set; }

    /// <summary>Notes that the actor starts (again) now.</summary>
    public void Started() => _startedAt = clock.GetTimestamp();

    /// <summary>Notes a failure and says how long to wait before the next start.</summary>
    public TimeSpan Failed()
    {
        if (clock.GetElapsedTime(_startedAt) >= ResetAfter)
        {
            Failures = 0;
        }

        Failures++;
        // 0.2 s · 2^(n-1), capped at 30 s (the exponent too, so that a long run of failures stays a small number).
        double delay = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(Failures - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxBackoff.TotalMilliseconds));
    }
}
