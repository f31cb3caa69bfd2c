using Akka.Actor.Setup;
using Microsoft.Extensions.Logging;

namespace WasGo.Actors.Logging;

/// <summary>
/// The <see cref="ILoggerFactory"/> WasGo's actors log to, given to an actor system as it is made
/// (<c>ActorSystem.Create(name, BootstrapSetup.Create().And(new LoggerFactorySetup(factory)))</c>,
/// or <c>AddSetup</c> under Akka.Hosting). Our actors log through source-generated
/// <c>[LoggerMessage]</c> methods, whose event ids operators and tests filter on; Akka's own
/// <c>ILoggingAdapter</c> has none. Akka's own log lines go to the same factory through Akka.Hosting.
/// </summary>
/// <param name="factory">The factory.</param>
public sealed class LoggerFactorySetup(ILoggerFactory factory) : Setup
{
    /// <summary>Gets the factory.</summary>
    public ILoggerFactory Factory { get; } = factory ?? throw new ArgumentNullException(nameof(factory));
}
