using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Microsoft.Extensions.Logging;
using WasGo.Actors.Logging;
using Xunit.Abstractions;

namespace WasGo.Cluster.Tests;

/// <summary>
/// Akka.TestKit for the cluster tests: a fresh actor system per test, named after the test class,
/// whose actors' <see cref="ILogger"/>s (through <see cref="LoggerFactorySetup"/>) and Akka's own
/// log write to the test's output. Asynchronous set-up and clean-up go in <see cref="InitializeAsync"/>
/// and <see cref="DisposeAsync"/>; the latter stops the system first and fails the test if some
/// actor does not stop in time.
/// </summary>
public abstract class ClusterTestKit : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    /// <summary>How long stopping the test's system may take before the test fails.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private const string Hocon = "akka.loglevel = INFO";

    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Initializes the kit with a system of the given name that logs to <paramref name="output"/>.</summary>
    /// <param name="systemName">The actor system's name (the test class's, by convention).</param>
    /// <param name="output">The test's output.</param>
    protected ClusterTestKit(string systemName, ITestOutputHelper output)
        : this(systemName, output, CreateLoggerFactory(output))
    {
    }

    private ClusterTestKit(string systemName, ITestOutputHelper output, ILoggerFactory loggerFactory)
        : base(Setup(loggerFactory), systemName, output) => _loggerFactory = loggerFactory;

    /// <summary>Runs before each test, once the system is up.</summary>
    /// <returns>A task that completes when the set-up is done.</returns>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops the test's system, and fails the test if it does not stop in time.</summary>
    /// <returns>A task that completes when the system has stopped.</returns>
    public virtual async Task DisposeAsync() => await ShutdownAsync(ShutdownTimeout, verifySystemShutdown: true);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _loggerFactory.Dispose();
        }
    }

    /// <summary>Makes the setup of an actor system whose actors log to <paramref name="loggerFactory"/>.</summary>
    /// <param name="loggerFactory">The factory.</param>
    /// <returns>The setup.</returns>
    internal static ActorSystemSetup Setup(ILoggerFactory loggerFactory) =>
        BootstrapSetup.Create().WithConfig(ConfigurationFactory.ParseString(Hocon)).And(new LoggerFactorySetup(loggerFactory));

    private static ILoggerFactory CreateLoggerFactory(ITestOutputHelper output) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(new XunitLoggerProvider(output)));
}
