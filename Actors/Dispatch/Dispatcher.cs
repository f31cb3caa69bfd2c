namespace WasGo.Actors;

/// <summary>
/// Runs mailboxes: each turn processes up to <see cref="Throughput"/> messages of one actor, then
/// gives the thread back so that other actors get their turn.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public abstract class Dispatcher
{
    /// <summary>The default number of messages one turn processes.</summary>
    public const int DefaultThroughput = 300;

    private protected Dispatcher(int throughput)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        Throughput = throughput;
    }

    /// <summary>Gets the most messages one turn of a mailbox processes.</summary>
    public int Throughput { get; }

    /// <summary>Creates a dispatcher that runs mailboxes on the .NET thread pool.</summary>
    /// <param name="throughput">The most messages one turn processes.</param>
    /// <returns>The dispatcher.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="throughput"/> is less than 1.</exception>
    public static Dispatcher ThreadPool(int throughput = DefaultThroughput) => new ThreadPoolDispatcher(throughput);

    internal abstract void Schedule(Mailbox mailbox);
}
