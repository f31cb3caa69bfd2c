namespace WasGo.Actors;

/// <summary>A strategy that applies its directive to the failed child alone.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Initializes a strategy with unlimited restarts.</summary>
    /// <param name="decider">Maps a child's exception to a directive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="decider"/> is <see langword="null"/>.</exception>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    /// <summary>Initializes a strategy with a restart limit.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within the window; -1 for no limit, 0 to stop at the first failure.</param>
    /// <param name="withinTimeRange">The window; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="decider">Maps a child's exception to a directive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="decider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    private protected override void ProcessFailure(ActorCell supervisor, bool restart, ChildEntry failed, Exception cause)
    {
        if (restart && MayRestart(failed, supervisor.System.TimeProvider))
        {
            failed.Ref.SendSystemMessage(new Recreate(cause));
        }
        else
        {
            supervisor.StopChild(failed.Ref);
        }
    }
}
