namespace WasGo.Cluster;

/// <summary>Starts an entity without a message (Akka's <c>ShardRegion.StartEntity</c>); the reply is a <see cref="StartEntityAck"/>.</summary>
/// <param name="EntityId">The entity to start.</param>
public sealed record StartEntity(string EntityId);
