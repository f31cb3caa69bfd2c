namespace WasGo.Cluster;

/// <summary>The entity named by a <see cref="StartEntity"/> runs.</summary>
/// <param name="EntityId">The entity.</param>
/// <param name="ShardId">Its shard.</param>
public sealed record StartEntityAck(string EntityId, string ShardId);
