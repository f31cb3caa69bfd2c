namespace WasGo.Scripting;

/// <summary>
/// A module was refused before it ran: it does not decode or validate, uses a feature the sandbox
/// does not allow (threads, shared memory), or its compile went past the sandbox's time or memory
/// limit. The message says why on one line, with Wasmtime's byte offset where there is one.
/// </summary>
public sealed class ModuleCompileException : Exception
{
    /// <summary>Initializes an exception with the reason the module was refused.</summary>
    /// <param name="message">Why, on one line.</param>
    public ModuleCompileException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with the reason the module was refused and the error behind it.</summary>
    /// <param name="message">Why, on one line.</param>
    /// <param name="innerException">The engine's error.</param>
    public ModuleCompileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception with no reason.</summary>
    public ModuleCompileException()
    {
    }
}
