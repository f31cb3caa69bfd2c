using Microsoft.Extensions.Logging;

namespace WasGo.Actors;

/// <summary>The cell's log messages (event ids 1010–1019).</summary>
internal sealed partial class ActorCell
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Actor {Path} failed with {ExceptionType}; its supervisor decided: {Directive}")]
    private static partial void LogChildFailed(ILogger logger, Exception exception, string path, string exceptionType, Directive directive);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Actor {Path} threw in {Method}; the actor goes on with its restart or stop")]
    private static partial void LogLifecycleFailure(ILogger logger, Exception exception, string path, string method);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Actor {Path} failed again while its supervisor was deciding or while stopping; this failure is ignored")]
    private static partial void LogIgnoredFailure(ILogger logger, string path, Exception exception);
}
