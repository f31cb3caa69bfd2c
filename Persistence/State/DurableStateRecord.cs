namespace WasGo.Persistence;

/// <summary>The stored state of one persistence id.</summary>
/// <param name="PersistenceId">Whose state it is.</param>
/// <param name="Revision">How many times it was written: 1 for the first write.</param>
/// <param name="Payload">The serialized state.</param>
/// <param name="Manifest">What the payload is, for its deserializer (may be empty).</param>
public sealed record DurableStateRecord(string PersistenceId, long Revision, ReadOnlyMemory<byte> Payload, string Manifest);
