namespace WasGo.Cluster;

/// <summary>An entity answered a delivery: one fewer outstanding in its shard.</summary>
internal sealed record DeliveryDone(string EntityId);

/// <summary>Tells a shard to finish what it holds and stop, so its queue can go to another node.</summary>
internal sealed record HandOffShard
{
    public static HandOffShard Instance { get; } = new();
}

/// <summary>A hand-off took longer than its timeout: stop anyway, the broker redelivers what is unacknowledged.</summary>
internal sealed record HandOffTimedOut
{
    public static HandOffTimedOut Instance { get; } = new();
}

/// <summary>A shard finished its hand-off and stopped; its generation's channel can close.</summary>
internal sealed record ShardStopped(int ShardId, long Generation);

/// <summary>An entity of a shard stopped with messages unanswered (fenced, or its writes kept failing): the shard must be released so they are redelivered.</summary>
internal sealed record ShardFailed(int ShardId, long Generation, string EntityId);

/// <summary>A shard's running entity count changed.</summary>
internal sealed record ShardEntityCount(int ShardId, int Count);

/// <summary>Asks a shard for its <see cref="ShardState"/>.</summary>
internal sealed record GetShardState
{
    public static GetShardState Instance { get; } = new();
}

/// <summary>The channel of a handed-off shard is closed.</summary>
internal sealed record HandOffCompleted(int ShardId);

/// <summary>Periodic work of a shard: idle passivation.</summary>
internal sealed record PassivateIdleTick
{
    public static PassivateIdleTick Instance { get; } = new();
}

/// <summary>The remembered entities of a shard were read.</summary>
internal sealed record RememberedEntitiesLoaded(IReadOnlyList<string> EntityIds, long Revision);

/// <summary>A write of the remembered entities finished.</summary>
internal sealed record RememberedEntitiesWritten(long Revision, bool Refused, bool Failed);
