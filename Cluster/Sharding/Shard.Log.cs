using Microsoft.Extensions.Logging;

namespace WasGo.Cluster;

internal sealed partial class Shard
{
    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "A message for entity {EntityId} with manifest {Manifest} cannot be read and is answered with a failure: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string entityId, string manifest, string reason);
}
