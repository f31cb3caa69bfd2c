namespace WasGo.Actors;

/// <summary>
/// The failure of an actor that did not handle the <see cref="Terminated"/> of an actor it watches:
/// by not handling it, it said it cannot live without that actor.
/// </summary>
public sealed class DeathPactException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public DeathPactException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What happened.</param>
    public DeathPactException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public DeathPactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
