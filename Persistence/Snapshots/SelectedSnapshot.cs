namespace WasGo.Persistence;

/// <summary>A snapshot read back.</summary>
/// <param name="Metadata">Its metadata.</param>
/// <param name="Payload">The serialized state.</param>
/// <param name="Manifest">What the payload is.</param>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, ReadOnlyMemory<byte> Payload, string Manifest);
