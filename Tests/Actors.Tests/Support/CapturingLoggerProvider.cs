using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WasGo.Actors.Tests.Support;

/// <summary>One line a logger wrote.</summary>
internal sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>Keeps every log line in memory, and lets a test wait for a line it expects.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();
    private readonly List<(Predicate<LogLine> Match, TaskCompletionSource<LogLine> Seen)> _waiters = [];
    private readonly Lock _syncObj = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <summary>Returns a task that completes with the first line (already written or still to come) that matches.</summary>
    public Task<LogLine> WaitForAsync(Predicate<LogLine> match)
    {
        lock (_syncObj)
        {
            foreach (LogLine line in _lines)
            {
                if (match(line))
                {
                    return Task.FromResult(line);
                }
            }

            var seen = new TaskCompletionSource<LogLine>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, seen));
            return seen.Task;
        }
    }

    public void Dispose()
    {
    }

    private void Add(LogLine line)
    {
        lock (_syncObj)
        {
            _lines.Enqueue(line);
            foreach ((Predicate<LogLine> match, TaskCompletionSource<LogLine> seen) in _waiters)
            {
                if (match(line))
                {
                    seen.TrySetResult(line);
                }
            }
        }
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(new LogLine(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
