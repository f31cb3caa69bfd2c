using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace WasGo.Cluster.Tests;

/// <summary>Writes log lines to a test's output, so that a failing test shows what its actors logged.</summary>
internal sealed class XunitLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    private volatile bool _disposed;

    public ILogger CreateLogger(string categoryName) => new XunitLogger(this, output, categoryName);

    public void Dispose() => _disposed = true;

    private sealed class XunitLogger(XunitLoggerProvider provider, ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (provider._disposed)
            {
                return;
            }

            string line = $"[{logLevel}] {category}: {formatter(state, exception)}";
            if (exception is not null)
            {
                line += Environment.NewLine + exception;
            }

            try
            {
                output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test has finished; xunit no longer takes output for it.
            }
        }
    }
}
