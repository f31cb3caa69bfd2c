namespace WasGo.Persistence;

/// <summary>Given to an event-sourced actor's recovery handlers first, when a snapshot was found: recovery replays only the events after it.</summary>
/// <param name="Metadata">Which point of the journal the snapshot includes.</param>
/// <param name="Snapshot">The deserialized snapshot.</param>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);
