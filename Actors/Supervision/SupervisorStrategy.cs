namespace WasGo.Actors;

/// <summary>
/// How an actor supervises its children: a decider maps the exception to a <see cref="Directive"/>,
/// and a restart limit turns too many restarts within a time window into a stop.
/// </summary>
/// <remarks>Immutable and thread-safe; one instance can serve many actors.</remarks>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNrOfRetries, -1);
        if (withinTimeRange <= TimeSpan.Zero && withinTimeRange != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), withinTimeRange, "The restart window must be positive, or Timeout.InfiniteTimeSpan for none.");
        }

        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>
    /// Gets the default strategy: one-for-one, unlimited restarts, and <see cref="DefaultDecider"/>.
    /// </summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Gets a one-for-one strategy that stops every child that fails.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(static _ => Directive.Stop);

    /// <summary>Gets how many restarts a child is allowed within <see cref="WithinTimeRange"/>; -1 for no limit.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>Gets the window restarts are counted in; <see cref="Timeout.InfiniteTimeSpan"/> counts them forever.</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>Gets the function that maps a child's exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>
    /// The default decider, as Akka's: an actor that could not be made, was killed, or broke a death
    /// pact is stopped; any other exception restarts it.
    /// </summary>
    /// <param name="exception">The child's exception.</param>
    /// <returns>The directive.</returns>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    internal void HandleFailure(ActorCell supervisor, ChildEntry failed, Exception cause)
    {
        Directive directive;
        try
        {
            directive = Decider(cause);
        }
        catch (Exception deciderFailure)
        {
            // A decider that throws is the supervisor's own bug: escalate it.
            supervisor.Escalate(deciderFailure);
            return;
        }

        supervisor.LogChildFailure(failed.Ref, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                failed.Ref.SendSystemMessage(Resume.Instance);
                break;
            case Directive.Restart:
                ProcessFailure(supervisor, restart: true, failed, cause);
                break;
            case Directive.Stop:
                ProcessFailure(supervisor, restart: false, failed, cause);
                break;
            default:
                supervisor.Escalate(cause);
                break;
        }
    }

    private protected bool MayRestart(ChildEntry child, TimeProvider clock) =>
        child.RestartStats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, clock);

    private protected abstract void ProcessFailure(ActorCell supervisor, bool restart, ChildEntry failed, Exception cause);
}
