namespace WasGo.Actors;

/// <summary>No reply arrived within an <see cref="AskExtensions.Ask{T}"/>'s timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    /// <summary>Initializes a new instance.</summary>
    public AskTimeoutException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">Who was asked what, and for how long.</param>
    public AskTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">Who was asked what, and for how long.</param>
    /// <param name="innerException">The cause.</param>
    public AskTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
