namespace WasGo.Cluster;

/// <summary>A reply on its way back to the node whose sender waits for it.</summary>
/// <param name="CorrelationId">Which waiting sender it is for.</param>
/// <param name="Kind">A message, a <see cref="StartEntityAck"/> (the payload is the shard id) or a failure (the payload is its text).</param>
/// <param name="Manifest">The payload's registered type name.</param>
/// <param name="Payload">The serialized reply.</param>
internal sealed record WireReply(long CorrelationId, WireKind Kind, string Manifest, byte[] Payload);
