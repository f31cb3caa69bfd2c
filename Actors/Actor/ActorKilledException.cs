namespace WasGo.Actors;

/// <summary>The failure of an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public ActorKilledException()
        : base("The actor received Kill.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What happened.</param>
    public ActorKilledException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ActorKilledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
