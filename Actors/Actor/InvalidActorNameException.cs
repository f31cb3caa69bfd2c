namespace WasGo.Actors;

/// <summary>A child name is empty, malformed, or taken by a living sibling.</summary>
public sealed class InvalidActorNameException : ArgumentException
{
    /// <summary>Initializes a new instance.</summary>
    public InvalidActorNameException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What is wrong with the name.</param>
    public InvalidActorNameException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">What is wrong with the name.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidActorNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
