namespace WasGo.Persistence;

/// <summary>
/// What persistent actors of a system share: the stores, the serializer, and the limit on how many
/// recover at once (so that a restart of thousands of entities does not flood the database).
/// </summary>
/// <remarks>Thread-safe. Give the same instance to every persistent actor of a system.</remarks>
public sealed class PersistenceExtension : IDisposable
{
    /// <summary>The default number of actors that may recover at once.</summary>
    public const int DefaultMaxConcurrentRecoveries = 50;

    /// <summary>Initializes the extension.</summary>
    /// <param name="provider">The stores.</param>
    /// <param name="serializer">The serializer of events, states and snapshots.</param>
    /// <param name="maxConcurrentRecoveries">How many actors may recover at once.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxConcurrentRecoveries"/> is less than 1.</exception>
    public PersistenceExtension(IPersistenceProvider provider, PersistenceSerializer serializer, int maxConcurrentRecoveries = DefaultMaxConcurrentRecoveries)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentRecoveries, 1);
        Provider = provider;
        Serializer = serializer;
        MaxConcurrentRecoveries = maxConcurrentRecoveries;
        RecoveryPermits = new SemaphoreSlim(maxConcurrentRecoveries, maxConcurrentRecoveries);
    }

    /// <summary>Gets the stores.</summary>
    public IPersistenceProvider Provider { get; }

    /// <summary>Gets the serializer.</summary>
    public PersistenceSerializer Serializer { get; }

    /// <summary>Gets how many actors may recover at once.</summary>
    public int MaxConcurrentRecoveries { get; }

    /// <summary>Gets how many actors are recovering now.</summary>
    public int RecoveriesInProgress => MaxConcurrentRecoveries - RecoveryPermits.CurrentCount;

    internal SemaphoreSlim RecoveryPermits { get; }

    /// <summary>Frees the recovery limiter; the provider is the caller's to dispose.</summary>
    public void Dispose() => RecoveryPermits.Dispose();
}
