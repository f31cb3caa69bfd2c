using System;

namespace WasGo.Wasm;

/// <summary>
/// An import of a module could not be satisfied: it is missing or has a different type.
/// </summary>
public sealed class LinkException : WasmException
{
    /// <summary>Creates an exception with no message.</summary>
    public LinkException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LinkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LinkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
