namespace WasGo.Cluster;

/// <summary>A message for one entity, wrapped with that entity's id (Akka's <c>ShardingEnvelope</c>).</summary>
/// <param name="EntityId">The entity's id.</param>
/// <param name="Message">What the entity receives.</param>
public sealed record ShardingEnvelope(string EntityId, object Message);
