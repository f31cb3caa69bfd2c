namespace WasGo.Persistence;

/// <summary>Which entity a snapshot is of, at which point of its journal, and when it was taken.</summary>
/// <param name="PersistenceId">The id.</param>
/// <param name="SequenceNr">The journal position the snapshot includes.</param>
/// <param name="Timestamp">When it was taken.</param>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);
