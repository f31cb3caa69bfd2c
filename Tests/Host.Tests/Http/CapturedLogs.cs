using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WasGo.Host.Tests.Http;

/// <summary>Every log line a test host writes at its configured level, kept for the test to look at.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    /// <summary>Gets the lines written so far, in order.</summary>
    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>Gets the lines of one event id.</summary>
    public IReadOnlyList<CapturedLog> WithEventId(int eventId) => [.. _entries.Where(e => e.EventId.Id == eventId)];

    /// <summary>Waits (30 s at most) until a line of the event id has been written, and returns the first.</summary>
    public async Task<CapturedLog> WaitForAsync(int eventId, Func<CapturedLog, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            CapturedLog? found = _entries.FirstOrDefault(e => e.EventId.Id == eventId && (match is null || match(e)));
            if (found is not null)
            {
                return found;
            }

            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No log line of event {eventId} within 30 s. The lines:\n{string.Join('\n', _entries)}");
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
