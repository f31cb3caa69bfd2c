namespace WasGo.Persistence;

/// <summary>
/// A durable-state write named a revision that does not follow the stored one: another writer got
/// there first, or this writer lost ownership of the entity.
/// </summary>
public sealed class DurableStateConcurrencyException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public DurableStateConcurrencyException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">Which id, which revision was tried.</param>
    public DurableStateConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">Which id, which revision was tried.</param>
    /// <param name="innerException">The cause.</param>
    public DurableStateConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static DurableStateConcurrencyException Refused(string persistenceId, long revision) =>
        new(revision == 1
            ? $"State of '{persistenceId}' was not created at revision 1: a row already exists. Read it and write its revision + 1."
            : $"State of '{persistenceId}' was not written at revision {revision}: the stored revision is not {revision - 1}. Another writer wrote first, or this one lost ownership; read again before writing.");
}
