using Microsoft.Extensions.Logging;

namespace WasGo.Cluster;

/// <summary>Log messages of sharded entities.</summary>
internal static partial class EntityLog
{
    [LoggerMessage(EventId = 4120, Level = LogLevel.Warning, Message = "FENCED: the write of {PersistenceId} at revision {Revision} was refused ({Reason}); the entity stops and its messages go back to the queue")]
    public static partial void LogEntityFenced(this ILogger logger, string persistenceId, long revision, string reason);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Warning, Message = "Writing {PersistenceId} failed ({Reason}); retrying")]
    public static partial void LogEntityWriteRetry(this ILogger logger, string persistenceId, string reason);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Error, Message = "Writing {PersistenceId} kept failing for {Limit} ({Reason}); the entity stops and its messages go back to the queue")]
    public static partial void LogEntityWriteGaveUp(this ILogger logger, string persistenceId, TimeSpan limit, string reason);

    [LoggerMessage(EventId = 4123, Level = LogLevel.Error, Message = "{PersistenceId} failed to handle a {MessageType}; the sender gets the failure, the state is unchanged and the message is acknowledged")]
    public static partial void LogEntityHandlerFailed(this ILogger logger, Exception exception, string persistenceId, string messageType);
}
