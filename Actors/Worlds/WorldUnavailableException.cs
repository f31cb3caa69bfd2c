namespace WasGo.Actors.Worlds;

/// <summary>
/// The answer of a world that cannot take inputs now — its journal is away, its actor failed and
/// has not been started again yet (it backs off between restarts), it is moving to another node —
/// so that the caller learns at once, and when to try again, rather than waiting for a timeout.
/// An input answered so was not applied: sent again (with the same idempotency key), it applies once.
/// </summary>
/// <remarks>Across nodes Akka carries the message and the type; <see cref="RetryAfter"/> arrives as zero.</remarks>
/// <param name="message">What happened and when the world runs again.</param>
/// <param name="retryAfter">How long until the world is started again.</param>
public sealed class WorldUnavailableException(string message, TimeSpan retryAfter) : Exception(message)
{
    /// <summary>Gets how long until the world is started again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
