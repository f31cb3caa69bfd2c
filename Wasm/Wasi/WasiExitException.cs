using System;

namespace WasGo.Wasm.Wasi;

/// <summary>
/// The guest called WASI's <c>proc_exit</c>: the guest call ends here, unwinding every wasm and host
/// frame in between, and <see cref="ExitCode"/> is the status the guest gave (C's <c>exit(7)</c> gives 7).
/// </summary>
/// <remarks>
/// This is not a trap: the guest asked to stop. A command whose <c>_start</c> returns normally exited
/// with 0; <see cref="WasiInstanceExtensions.RunCommand"/> gives either as an int.
/// </remarks>
public sealed class WasiExitException : WasmException
{
    /// <summary>Creates an exit with code 0 and a default message.</summary>
    public WasiExitException()
        : this(0)
    {
    }

    /// <summary>Creates an exit with code 0 and a message.</summary>
    /// <param name="message">The message.</param>
    public WasiExitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exit with code 0, a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WasiExitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exit with a code.</summary>
    /// <param name="exitCode">The guest's exit status (WASI's <c>exitcode</c>, a u32 seen as int).</param>
    public WasiExitException(int exitCode)
        : base($"the guest exited with code {exitCode}")
    {
        ExitCode = exitCode;
    }

    /// <summary>The guest's exit status; 0 means success.</summary>
    public int ExitCode { get; }
}
