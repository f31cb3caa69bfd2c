namespace WasGo.Actors;

/// <summary>
/// Publish/subscribe by type within one actor system: a subscriber to a type gets every published
/// event of that type or a subtype. The system publishes dead letters and lifecycle events here.
/// </summary>
/// <remarks>
/// Thread-safe. Publishing reads an immutable snapshot and takes no lock; subscribers that have
/// stopped are dropped on the next publish that reaches them.
/// </remarks>
public sealed class EventStream
{
    private readonly Lock _syncObj = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Subscribes <paramref name="subscriber"/> to events of type <typeparamref name="TEvent"/>.</summary>
    /// <typeparam name="TEvent">The event type; subtypes are delivered too.</typeparam>
    /// <param name="subscriber">The actor to deliver to.</param>
    /// <returns>Whether it was not subscribed to that type already.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscriber"/> is <see langword="null"/>.</exception>
    public bool Subscribe<TEvent>(IActorRef subscriber) => Subscribe(subscriber, typeof(TEvent));

    /// <summary>Subscribes <paramref name="subscriber"/> to events of type <paramref name="channel"/>.</summary>
    /// <param name="subscriber">The actor to deliver to.</param>
    /// <param name="channel">The event type; subtypes are delivered too.</param>
    /// <returns>Whether it was not subscribed to that type already.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_syncObj)
        {
            if (Array.Exists(_subscriptions, s => s.Channel == channel && s.Subscriber.Equals(subscriber)))
            {
                return false;
            }

            _subscriptions = [.. _subscriptions, new Subscription(channel, subscriber)];
            return true;
        }
    }

    /// <summary>Unsubscribes <paramref name="subscriber"/> from <paramref name="channel"/>.</summary>
    /// <param name="subscriber">The subscriber.</param>
    /// <param name="channel">The event type it subscribed to.</param>
    /// <returns>Whether it had been subscribed.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        return RemoveWhere(s => s.Channel == channel && s.Subscriber.Equals(subscriber));
    }

    /// <summary>Unsubscribes <paramref name="subscriber"/> from every type.</summary>
    /// <param name="subscriber">The subscriber.</param>
    /// <returns>Whether it had any subscription.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscriber"/> is <see langword="null"/>.</exception>
    public bool Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return RemoveWhere(s => s.Subscriber.Equals(subscriber));
    }

    /// <summary>Delivers <paramref name="event"/> to every subscriber of its type or a base type.</summary>
    /// <param name="event">The event.</param>
    /// <exception cref="ArgumentNullException"><paramref name="event"/> is <see langword="null"/>.</exception>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);

        // Volatile read: the array is replaced whole under the lock and never changed in place.
        Subscription[] subscriptions = Volatile.Read(ref _subscriptions);
        bool sawStopped = false;
        foreach (Subscription subscription in subscriptions)
        {
            if (!subscription.Channel.IsInstanceOfType(@event))
            {
                continue;
            }

            if (subscription.Subscriber is IInternalActorRef { IsTerminated: true })
            {
                sawStopped = true;
                continue;
            }

            subscription.Subscriber.Tell(@event);
        }

        if (sawStopped)
        {
            RemoveWhere(static s => s.Subscriber is IInternalActorRef { IsTerminated: true });
        }
    }

    private bool RemoveWhere(Predicate<Subscription> match)
    {
        lock (_syncObj)
        {
            Subscription[] kept = Array.FindAll(_subscriptions, s => !match(s));
            bool removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }

    private sealed record Subscription(Type Channel, IActorRef Subscriber);
}
