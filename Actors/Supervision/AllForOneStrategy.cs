namespace WasGo.Actors;

/// <summary>
/// A strategy that applies a restart or stop to every child when one fails: for siblings that only
/// make sense together. Resume applies to the failed child alone.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Initializes a strategy with unlimited restarts.</summary>
    /// <param name="decider">Maps a child's exception to a directive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="decider"/> is <see langword="null"/>.</exception>
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    /// <summary>Initializes a strategy with a restart limit.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within the window; -1 for no limit, 0 to stop at the first failure.</param>
    /// <param name="withinTimeRange">The window; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="decider">Maps a child's exception to a directive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="decider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    private protected override void ProcessFailure(ActorCell supervisor, bool restart, ChildEntry failed, Exception cause)
    {
        ChildEntry[] children = supervisor.LivingChildren();
        bool mayRestart = restart;
        foreach (ChildEntry child in children)
        {
            // Every child's window counts the restart, as all of them restart together.
            mayRestart &= MayRestart(child, supervisor.System.TimeProvider);
        }

        foreach (ChildEntry child in children)
        {
            if (mayRestart)
            {
                child.Ref.SendSystemMessage(new Recreate(cause));
            }
            else
            {
                supervisor.StopChild(child.Ref);
            }
        }
    }
}
