namespace WasGo.Cluster;

/// <summary>One active shard and the ids of its running entities, in id order.</summary>
/// <param name="ShardId">The shard.</param>
/// <param name="EntityIds">Its running entities.</param>
public sealed record ShardState(string ShardId, IReadOnlyList<string> EntityIds);
