using System;

namespace WasGo.Wasm.Text;

/// <summary>
/// The text is not a well-formed WebAssembly text module: the parser stopped at <see cref="Line"/>:<see cref="Column"/>.
/// </summary>
/// <remarks>
/// It derives from <see cref="WasmException"/> rather than <see cref="MalformedModuleException"/>, which is sealed;
/// both mean "malformed", one for bytes, one for text.
/// </remarks>
public sealed class WatException : WasmException
{
    /// <summary>Creates an exception with no message.</summary>
    public WatException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public WatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a problem found at a position in the text.</summary>
    /// <param name="message">What is wrong at that position.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column (in UTF-16 code units).</param>
    public WatException(string message, int line, int column)
        : base($"{line}:{column}: {message}")
    {
        Line = line;
        Column = column;
        Reason = message;
    }

    /// <summary>The 1-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem (in UTF-16 code units), or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The message without the position prefix.</summary>
    public string? Reason { get; }
}
