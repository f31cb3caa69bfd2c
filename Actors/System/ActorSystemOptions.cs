using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WasGo.Actors;

/// <summary>The settings of an <see cref="ActorSystem"/>.</summary>
public sealed class ActorSystemOptions
{
    /// <summary>The default number of dead letters logged per window.</summary>
    public const int DefaultDeadLetterLogLimit = 10;

    /// <summary>Gets or sets where the system and its actors log. Default: nowhere.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Gets or sets the clock for timers, receive timeouts, ask timeouts and restart windows.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets how many messages one turn of a mailbox processes before giving the thread back. Default 300.</summary>
    public int Throughput { get; set; } = Dispatcher.DefaultThroughput;

    /// <summary>Gets or sets how many dead letters are logged per <see cref="DeadLetterLogWindow"/>; 0 logs none. Default 10.</summary>
    public int DeadLetterLogLimit { get; set; } = DefaultDeadLetterLogLimit;

    /// <summary>Gets or sets the window the dead-letter log limit counts in. Default 10 seconds.</summary>
    public TimeSpan DeadLetterLogWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long <see cref="ActorSystem.DisposeAsync"/> waits for every actor to stop. Default 10 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks every setting.</summary>
    /// <returns>A message per setting that is out of range; empty when all are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (LoggerFactory is null)
        {
            errors.Add("ActorSystemOptions.LoggerFactory is null; set a logger factory or leave the default.");
        }

        if (TimeProvider is null)
        {
            errors.Add("ActorSystemOptions.TimeProvider is null; set a time provider or leave the default.");
        }

        if (Throughput < 1)
        {
            errors.Add($"ActorSystemOptions.Throughput is {Throughput}; it must be at least 1.");
        }

        if (DeadLetterLogLimit < 0)
        {
            errors.Add($"ActorSystemOptions.DeadLetterLogLimit is {DeadLetterLogLimit}; it must be 0 (off) or more.");
        }

        if (DeadLetterLogWindow <= TimeSpan.Zero)
        {
            errors.Add($"ActorSystemOptions.DeadLetterLogWindow is {DeadLetterLogWindow}; it must be positive.");
        }

        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            errors.Add($"ActorSystemOptions.ShutdownTimeout is {ShutdownTimeout}; it must be positive.");
        }

        return errors;
    }
}
