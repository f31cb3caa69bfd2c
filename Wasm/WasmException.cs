using System;

namespace WasGo.Wasm;

/// <summary>
/// The base type of every error the engine reports for a module, a link or a guest call:
/// malformed bytes, invalid code, unsatisfied imports and traps.
/// </summary>
public class WasmException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public WasmException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public WasmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WasmException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
