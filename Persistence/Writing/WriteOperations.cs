namespace WasGo.Persistence;

/// <summary>Write a durable state row at a new revision.</summary>
internal sealed class UpsertStateOperation(string persistenceId, long revision, ReadOnlyMemory<byte> payload, string manifest) : WriteOperation
{
    public string PersistenceId { get; } = persistenceId;

    public long Revision { get; } = revision;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public string Manifest { get; } = manifest;
}

/// <summary>Delete a durable state row at the revision last read.</summary>
internal sealed class DeleteStateOperation(string persistenceId, long revision) : WriteOperation
{
    public string PersistenceId { get; } = persistenceId;

    public long Revision { get; } = revision;
}

/// <summary>Append contiguous events to a journal.</summary>
internal sealed class AppendEventsOperation(string persistenceId, IReadOnlyList<JournalEvent> events) : WriteOperation
{
    public string PersistenceId { get; } = persistenceId;

    public IReadOnlyList<JournalEvent> Events { get; } = events;
}

/// <summary>Delete journal events up to a sequence number.</summary>
internal sealed class DeleteEventsOperation(string persistenceId, long toSequenceNr) : WriteOperation
{
    public string PersistenceId { get; } = persistenceId;

    public long ToSequenceNr { get; } = toSequenceNr;
}

/// <summary>Save a snapshot.</summary>
internal sealed class SaveSnapshotOperation(SnapshotMetadata metadata, ReadOnlyMemory<byte> payload, string manifest) : WriteOperation
{
    public SnapshotMetadata Metadata { get; } = metadata;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public string Manifest { get; } = manifest;
}

/// <summary>Delete the snapshots selected by criteria.</summary>
internal sealed class DeleteSnapshotsOperation(string persistenceId, SnapshotSelectionCriteria criteria) : WriteOperation
{
    public string PersistenceId { get; } = persistenceId;

    public SnapshotSelectionCriteria Criteria { get; } = criteria;
}

/// <summary>Store module bytes once and tag them.</summary>
internal sealed class PutModuleOperation(ModuleTag tag, ReadOnlyMemory<byte> bytes) : WriteOperation
{
    public ModuleTag Tag { get; } = tag;

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;
}

/// <summary>Add a world to the world list unless its id is taken.</summary>
internal sealed class AddWorldOperation(StoredWorld world) : WriteOperation
{
    public StoredWorld World { get; } = world;

    /// <summary>Gets or sets whether the row went in; set by the writer before the operation completes, read by its caller after.</summary>
    public bool Added { get; set; }
}
