namespace WasGo.Persistence;

/// <summary>Sent to an actor when the snapshot it asked for is stored.</summary>
/// <param name="Metadata">Which snapshot.</param>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Sent to an actor when the snapshot it asked for could not be stored.</summary>
/// <param name="Metadata">Which snapshot.</param>
/// <param name="Cause">Why.</param>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);
