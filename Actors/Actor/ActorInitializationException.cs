namespace WasGo.Actors;

/// <summary>
/// An actor could not be made or started: its factory or constructor threw, or its
/// <see cref="ActorBase.PreStart"/> did. The supervisor decides what happens; by default it stops the actor.
/// </summary>
public sealed class ActorInitializationException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public ActorInitializationException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ActorInitializationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception the actor's code threw.</param>
    public ActorInitializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
