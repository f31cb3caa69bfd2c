namespace WasGo.Persistence;

/// <summary>
/// A WebAssembly SQL function could not be created, dropped or called: a bad module, a wrong
/// argument, a trap, or a call that ran past its time limit. Inside a query it fails that query.
/// </summary>
public sealed class WasmFunctionException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public WasmFunctionException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">Which function, what went wrong, what to do.</param>
    public WasmFunctionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">Which function, what went wrong, what to do.</param>
    /// <param name="innerException">The engine's error.</param>
    public WasmFunctionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
