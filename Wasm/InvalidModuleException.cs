using System;

namespace WasGo.Wasm;

/// <summary>
/// The module decodes but does not validate (type mismatch, unknown index, bad alignment...);
/// <see cref="Offset"/> is the byte offset of the offending instruction or section.
/// </summary>
public sealed class InvalidModuleException : WasmException
{
    /// <summary>Creates an exception with no message.</summary>
    public InvalidModuleException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public InvalidModuleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidModuleException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a problem found at a byte offset.</summary>
    /// <param name="message">What is invalid.</param>
    /// <param name="offset">The byte offset in the module.</param>
    public InvalidModuleException(string message, long offset)
        : base($"{message} (at byte offset {offset})")
    {
        Offset = offset;
    }

    /// <summary>The byte offset in the module where validation failed.</summary>
    public long Offset { get; }
}
