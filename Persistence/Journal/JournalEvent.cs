namespace WasGo.Persistence;

/// <summary>One event of an entity's journal.</summary>
/// <param name="SequenceNr">Its position: 1 for the first event, each next one exactly one more.</param>
/// <param name="Payload">The serialized event.</param>
/// <param name="Manifest">What the payload is, for its deserializer.</param>
public sealed record JournalEvent(long SequenceNr, ReadOnlyMemory<byte> Payload, string Manifest);
