using Microsoft.Extensions.Logging;

namespace WasGo.Cluster;

internal sealed partial class ShardRegion
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Node {NodeId} hands off shard {ShardId}: it holds {Active}, its fair share is {FairShare}")]
    private static partial void LogHandingOff(ILogger logger, string nodeId, int shardId, int active, int fairShare);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Node {NodeId} owns shard {ShardId}")]
    private static partial void LogShardActive(ILogger logger, string nodeId, int shardId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Node {NodeId} released its {Count} shards: the broker connection dropped; they return when it reconnects or another node takes them")]
    private static partial void LogShardsLost(ILogger logger, string nodeId, int count);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "A {MessageType} was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string messageType, string reason);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Node {NodeId} gives up shard {ShardId}: entity {EntityId} stopped with messages unanswered (a refused write: another node owns it now); they go back to the queue")]
    private static partial void LogShardFailed(ILogger logger, string nodeId, int shardId, string entityId);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "Node {NodeId} handed off every shard and leaves")]
    private static partial void LogLeft(ILogger logger, string nodeId);
}
