using Akka.Actor;

namespace WasGo.Cluster.Node;

/// <summary>
/// The node's actor system, terminated when the program's scope ends (Akka's system is not
/// <see cref="IAsyncDisposable"/>): after the persistence provider opened after it is disposed,
/// as the program's <c>await using</c> declarations did with the old runtime.
/// </summary>
/// <param name="system">The system.</param>
internal sealed class NodeActorSystem(ActorSystem system) : IAsyncDisposable
{
    /// <summary>How long terminating may take before the node gives up waiting for its actors.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Gets the system.</summary>
    public ActorSystem System { get; } = system;

    /// <summary>Terminates the system and waits until every actor has stopped.</summary>
    /// <returns>A task that completes when they have.</returns>
    /// <exception cref="TimeoutException">Some actor did not stop within <see cref="ShutdownTimeout"/> (the node then exits with an error).</exception>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await System.Terminate().WaitAsync(ShutdownTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Actor system '{System.Name}' did not stop within {ShutdownTimeout.TotalSeconds} s; some actor is still processing a message.", e);
        }
    }
}
