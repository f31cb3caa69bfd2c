namespace WasGo.Host.Cluster;

/// <summary>
/// The answer of a world whose actor failed and has not been started again yet (it backs off
/// between restarts): the caller learns at once, and when to try again, rather than waiting for a timeout.
/// </summary>
/// <param name="message">What happened and when the world runs again.</param>
/// <param name="retryAfter">How long until the world is started again.</param>
internal sealed class WorldUnavailableException(string message, TimeSpan retryAfter) : Exception(message)
{
    /// <summary>Gets how long until the world is started again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
