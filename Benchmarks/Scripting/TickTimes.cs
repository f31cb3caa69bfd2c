namespace WasGo.Benchmarks.Scripting;

/// <summary>What one stepper's measured ticks took, and where its world ended.</summary>
/// <param name="WallMs">Each tick's wall time in milliseconds, sorted.</param>
/// <param name="CpuMs">The process's CPU time over all the measured ticks, in milliseconds.</param>
/// <param name="Collections">Garbage collections of generations 0, 1 and 2 during the measured ticks.</param>
/// <param name="LastTick">The world's tick number after the last measured tick.</param>
/// <param name="Digest">The digest of that tick, in hex.</param>
/// <param name="DigestMs">What <see cref="WasGo.Scripting.World.Digest"/> alone takes on that world (median of 21), a part of every tick whatever steps it.</param>
public sealed record TickTimes(double[] WallMs, double CpuMs, (int Gen0, int Gen1, int Gen2) Collections, long LastTick, string Digest, double DigestMs)
{
    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Max => WallMs[^1];

    public double MeanWall => WallMs.Average();

    public double MeanCpu => CpuMs / WallMs.Length;

    /// <summary>Counts the ticks that took longer than <paramref name="budgetMs"/>: each one delays the ticks after it.</summary>
    public int Over(double budgetMs) => WallMs.Count(t => t > budgetMs);

    /// <summary>Nearest rank: the smallest time that at least <paramref name="share"/> of the ticks did not exceed (p99 of 400 ticks is the 5th slowest).</summary>
    private double Percentile(double share) => WallMs[Math.Max(0, (int)Math.Ceiling(share * WallMs.Length) - 1)];
}
