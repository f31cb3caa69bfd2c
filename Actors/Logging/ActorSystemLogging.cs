using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WasGo.Actors.Logging;

/// <summary>Finds the <see cref="ILoggerFactory"/> an actor system was made with.</summary>
public static class ActorSystemLogging
{
    /// <summary>Gets the factory of the system's <see cref="LoggerFactorySetup"/>, or one that logs nothing if it has none.</summary>
    /// <param name="system">The actor system.</param>
    /// <returns>The factory.</returns>
    public static ILoggerFactory LoggerFactory(this ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.Settings.Setup.Get<LoggerFactorySetup>().Select(static s => s.Factory).GetOrElse(NullLoggerFactory.Instance);
    }
}
