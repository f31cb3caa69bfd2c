using System;

namespace WasGo.Wasm;

/// <summary>
/// The bytes are not a WebAssembly binary module: the decoder stopped at <see cref="Offset"/>.
/// </summary>
public sealed class MalformedModuleException : WasmException
{
    /// <summary>Creates an exception with no message.</summary>
    public MalformedModuleException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public MalformedModuleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MalformedModuleException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a problem found at a byte offset.</summary>
    /// <param name="message">What is wrong at that offset.</param>
    /// <param name="offset">The byte offset in the module.</param>
    public MalformedModuleException(string message, long offset)
        : base($"{message} (at byte offset {offset})")
    {
        Offset = offset;
    }

    /// <summary>The byte offset in the module where decoding failed.</summary>
    public long Offset { get; }
}
