using System.Globalization;

namespace WasGo.Host.Hosting;

/// <summary>The host's actor system settings (<c>WasGo:Actors</c>), turned into Akka.NET's HOCON at start.</summary>
internal sealed class ActorsOptions : ISelfValidatingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WasGo:Actors";

    /// <summary>Gets or sets how many messages one turn of a mailbox processes before giving the thread back (Akka's <c>default-dispatcher.throughput</c>). Default 300.</summary>
    public int Throughput { get; set; } = 300;

    /// <summary>Gets or sets how many dead letters Akka logs before it pauses logging them (<c>log-dead-letters</c>); 0 logs none. Default 10.</summary>
    public int DeadLetterLogLimit { get; set; } = 10;

    /// <summary>Gets or sets how long Akka pauses logging dead letters after the limit (<c>log-dead-letters-suspend-duration</c>). Default 10 seconds.</summary>
    public TimeSpan DeadLetterLogWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long stopping waits for every actor (each phase of Akka's coordinated shutdown). Default 10 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public IEnumerable<string> Validate()
    {
        if (Throughput < 1)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Section}:Throughput is {Throughput}; it must be at least 1.");
        }

        if (DeadLetterLogLimit < 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{Section}:DeadLetterLogLimit is {DeadLetterLogLimit}; it must be 0 (off) or more.");
        }

        if (DeadLetterLogWindow <= TimeSpan.Zero)
        {
            yield return $"{Section}:DeadLetterLogWindow is {DeadLetterLogWindow}; it must be positive.";
        }

        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            yield return $"{Section}:ShutdownTimeout is {ShutdownTimeout}; it must be positive.";
        }
    }

    /// <summary>
    /// The settings as HOCON, ahead of Akka's defaults. Akka's own shutdown hook is off: on SIGTERM
    /// the Generic Host stops the host's services first (the worlds checkpoint through their actors),
    /// and the actor system last (<see cref="ActorSystemLifecycle"/>).
    /// </summary>
    public string ToHocon() => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        akka.actor.default-dispatcher.throughput = {Throughput}
        akka.log-dead-letters = {(DeadLetterLogLimit == 0 ? "off" : DeadLetterLogLimit.ToString(CultureInfo.InvariantCulture))}
        akka.log-dead-letters-suspend-duration = {(long)DeadLetterLogWindow.TotalMilliseconds}ms
        akka.log-dead-letters-during-shutdown = off
        akka.coordinated-shutdown.default-phase-timeout = {(long)ShutdownTimeout.TotalMilliseconds}ms
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """);
}
