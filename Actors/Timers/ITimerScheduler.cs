namespace WasGo.Actors;

/// <summary>
/// An actor's timers: messages it sends itself later, once or periodically, each under a key.
/// Starting a timer under a key in use replaces it; a cancelled or replaced timer's message never
/// arrives, even if it was already queued. All timers are cancelled when the actor restarts or stops.
/// </summary>
/// <remarks>Belongs to the actor's own turn, like <see cref="IActorContext"/>.</remarks>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to the actor once, after <paramref name="delay"/>.</summary>
    /// <param name="key">The timer's key.</param>
    /// <param name="message">The message.</param>
    /// <param name="delay">How long to wait; zero or more.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> to the actor every <paramref name="interval"/>, the first time after <paramref name="initialDelay"/>.</summary>
    /// <param name="key">The timer's key.</param>
    /// <param name="message">The message.</param>
    /// <param name="initialDelay">How long to wait for the first message; zero or more.</param>
    /// <param name="interval">The time between messages; positive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time is out of range.</exception>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>Gets whether a timer with <paramref name="key"/> is running.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether it is running.</returns>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with <paramref name="key"/>, if any.</summary>
    /// <param name="key">The key.</param>
    void Cancel(object key);

    /// <summary>Cancels every timer of the actor.</summary>
    void CancelAll();
}
