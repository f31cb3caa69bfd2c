namespace WasGo.Actors;

/// <summary>
/// The recipe for an actor: how to make an instance (again, on every restart), how it supervises
/// its children and what mailbox it gets.
/// </summary>
/// <remarks>Immutable; change it through the <c>With…</c> methods.</remarks>
public sealed record Props
{
    private Props(Func<ActorBase> factory) => Factory = factory;

    /// <summary>Gets the function that makes a new actor instance; it runs on the actor's own turn.</summary>
    public Func<ActorBase> Factory { get; private init; }

    /// <summary>Gets the strategy that supervises the actor's children, or <see langword="null"/> to use the actor's own.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    /// <summary>Gets the mailbox settings.</summary>
    public MailboxOptions Mailbox { get; private init; } = MailboxOptions.Unbounded;

    /// <summary>Gets the dispatcher the actor's mailbox runs on, or <see langword="null"/> for the system's.</summary>
    public Dispatcher? Dispatcher { get; private init; }

    /// <summary>Creates props for an actor type with a parameterless constructor.</summary>
    /// <typeparam name="TActor">The actor type.</typeparam>
    /// <returns>The props.</returns>
    public static Props Create<TActor>()
        where TActor : ActorBase, new() => new(static () => new TActor());

    /// <summary>Creates props from a factory, called for the first instance and after each restart.</summary>
    /// <param name="factory">Makes a new actor instance each time it is called.</param>
    /// <returns>The props.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public static Props Create(Func<ActorBase> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory);
    }

    /// <summary>Returns props whose actor supervises its children with <paramref name="strategy"/>.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <returns>The changed props.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="strategy"/> is <see langword="null"/>.</exception>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return this with { SupervisorStrategy = strategy };
    }

    /// <summary>Returns props with other mailbox settings (for example a bounded mailbox).</summary>
    /// <param name="mailbox">The mailbox settings.</param>
    /// <returns>The changed props.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mailbox"/> is <see langword="null"/>.</exception>
    public Props WithMailbox(MailboxOptions mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return this with { Mailbox = mailbox };
    }

    /// <summary>Returns props whose mailbox runs on <paramref name="dispatcher"/>.</summary>
    /// <param name="dispatcher">The dispatcher.</param>
    /// <returns>The changed props.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dispatcher"/> is <see langword="null"/>.</exception>
    public Props WithDispatcher(Dispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        return this with { Dispatcher = dispatcher };
    }
}
