using Microsoft.Extensions.Logging;

namespace WasGo.Actors;

/// <summary>
/// Logs dead letters, at most a set number per window, then one line saying how many were left
/// out: a stopped actor under load must not flood the log.
/// </summary>
internal sealed partial class DeadLetterListener : ReceiveActor
{
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private long _windowStart;
    private int _loggedInWindow;
    private int _suppressed;

    public DeadLetterListener(ILogger logger, TimeProvider clock, int limit, TimeSpan window)
    {
        _logger = logger;
        _clock = clock;
        _limit = limit;
        _window = window;
        _windowStart = clock.GetTimestamp();
        Receive<AllDeadLetters>(OnDeadLetter);
    }

    private void OnDeadLetter(AllDeadLetters deadLetter)
    {
        long now = _clock.GetTimestamp();
        if (_clock.GetElapsedTime(_windowStart, now) >= _window)
        {
            if (_suppressed > 0)
            {
                LogSuppressed(_logger, _suppressed, _window.TotalSeconds);
            }

            _windowStart = now;
            _loggedInWindow = 0;
            _suppressed = 0;
        }

        if (_loggedInWindow >= _limit)
        {
            _suppressed++;
            return;
        }

        _loggedInWindow++;
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        string kind = deadLetter switch
        {
            UnhandledMessage => "was not handled by",
            Dropped dropped => "was dropped (" + dropped.Reason + ") for",
            _ => "was not delivered to",
        };
        string messageType = deadLetter.Message.GetType().Name;
        string recipient = deadLetter.Recipient.Path.ToString();
        string sender = deadLetter.Sender?.Path.ToString() ?? "no sender";
        LogDeadLetter(_logger, messageType, kind, recipient, sender);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Message {MessageType} {Kind} {Recipient} (from {Sender})")]
    private static partial void LogDeadLetter(ILogger logger, string messageType, string kind, string recipient, string sender);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Count} more dead letters in the last {WindowSeconds} s were not logged")]
    private static partial void LogSuppressed(ILogger logger, int count, double windowSeconds);
}
