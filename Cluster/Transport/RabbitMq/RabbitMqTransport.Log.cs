using Microsoft.Extensions.Logging;

namespace WasGo.Cluster;

internal sealed partial class RabbitMqTransport
{
    [LoggerMessage(EventId = 4150, Level = LogLevel.Information, Message = "Node {NodeId} connected to RabbitMQ at {Address} for {Names}; consuming its shard queues")]
    private partial void LogConnected(string nodeId, string address, string names);

    [LoggerMessage(EventId = 4151, Level = LogLevel.Warning, Message = "Node {NodeId} lost its RabbitMQ connection ({Reason}); its shards are released and it reconnects")]
    private partial void LogConnectionLost(string nodeId, string reason);

    [LoggerMessage(EventId = 4152, Level = LogLevel.Warning, Message = "Node {NodeId} could not reconnect to RabbitMQ ({Reason}); it tries again")]
    private partial void LogReconnectFailed(string nodeId, string reason);

    [LoggerMessage(EventId = 4153, Level = LogLevel.Warning, Message = "Publishing failed for {Failed} of {Count} broker messages ({Reason}); envelopes and replies among them are published again when the connection is back")]
    private partial void LogPublishFailed(int failed, int count, string reason);

    [LoggerMessage(EventId = 4154, Level = LogLevel.Warning, Message = "A message on {Queue} is malformed and was dropped: {Reason}")]
    internal partial void LogMalformed(string queue, string reason);

    [LoggerMessage(EventId = 4155, Level = LogLevel.Debug, Message = "An acknowledgement on shard {ShardId} was lost with its channel; the broker redelivers that message and its id keeps its effect single")]
    internal partial void LogAckLost(int shardId, Exception exception);

    [LoggerMessage(EventId = 4156, Level = LogLevel.Debug, Message = "Node {NodeId} handed off shard {ShardId}")]
    private partial void LogHandedOff(string nodeId, int shardId);

    [LoggerMessage(EventId = 4157, Level = LogLevel.Warning, Message = "Handing off shard {ShardId} failed ({Reason}); the connection is being rebuilt")]
    private partial void LogHandOffFailed(int shardId, string reason);
}
