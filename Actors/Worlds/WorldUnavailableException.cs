using System.Runtime.Serialization;

namespace WasGo.Actors.Worlds;

/// <summary>
/// The answer of a world that cannot take inputs now — its journal is away, its actor failed and
/// has not been started again yet (it backs off between restarts), it is moving to another node —
/// so that the caller learns at once, and when to try again, rather than waiting for a timeout.
/// An input answered so was not applied: sent again (with the same idempotency key), it applies once.
/// </summary>
/// <remarks>Across nodes Akka carries the message and the type; <see cref="RetryAfter"/> arrives as zero.</remarks>
public sealed class WorldUnavailableException : Exception
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="message">What happened and when the world runs again.</param>
    /// <param name="retryAfter">How long until the world takes inputs again.</param>
    public WorldUnavailableException(string message, TimeSpan retryAfter)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

#pragma warning disable SYSLIB0051 // Akka.Remote rebuilds a Status.Failure's exception through this constructor; without it the asker sees a cancellation.
    private WorldUnavailableException(SerializationInfo info, StreamingContext context)
        : base(info, context)
    {
    }
#pragma warning restore SYSLIB0051

    /// <summary>Gets how long until the world takes inputs again (zero when it came from another node).</summary>
    public TimeSpan RetryAfter { get; }
}
