namespace WasGo.Cluster;

/// <summary>One message for one entity as it crosses between nodes.</summary>
/// <param name="MessageId">Unique per message: a redelivery keeps it, so its effect can happen once.</param>
/// <param name="Kind">What the entity gets: a message, or only a start.</param>
/// <param name="ReplyNode">The node that waits for the reply, or empty when nobody does.</param>
/// <param name="CorrelationId">Which of that node's waiting senders the reply is for.</param>
/// <param name="EntityId">The entity.</param>
/// <param name="Manifest">The payload's registered type name.</param>
/// <param name="Payload">The serialized message.</param>
internal sealed record WireEnvelope(Guid MessageId, WireKind Kind, string ReplyNode, long CorrelationId, string EntityId, string Manifest, byte[] Payload);
