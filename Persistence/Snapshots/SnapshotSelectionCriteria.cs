namespace WasGo.Persistence;

/// <summary>Which snapshots a load or delete considers: those within both ranges.</summary>
/// <param name="MaxSequenceNr">The highest sequence number.</param>
/// <param name="MaxTimestamp">The latest time.</param>
/// <param name="MinSequenceNr">The lowest sequence number.</param>
/// <param name="MinTimestamp">The earliest time.</param>
public sealed record SnapshotSelectionCriteria(long MaxSequenceNr, DateTimeOffset MaxTimestamp, long MinSequenceNr = 0, DateTimeOffset MinTimestamp = default)
{
    /// <summary>Gets criteria that select every snapshot.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, DateTimeOffset.MaxValue);

    /// <summary>Gets criteria that select nothing (recovery without a snapshot).</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0, DateTimeOffset.MinValue);
}
