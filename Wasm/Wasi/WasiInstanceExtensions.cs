using System;

namespace WasGo.Wasm.Wasi;

/// <summary>Runs WASI commands (modules exporting <c>_start</c>, as C's <c>main</c> compiles to).</summary>
public static class WasiInstanceExtensions
{
    /// <summary>
    /// Calls the instance's <c>_start</c> export and returns its exit code: 0 when it returns normally,
    /// the guest's code when it called <c>proc_exit</c> (C's <c>exit</c>, or returning from <c>main</c>).
    /// </summary>
    /// <param name="instance">An instance of a module linked with <see cref="WasiLinkerExtensions.DefineWasi"/>.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instance"/> is null.</exception>
    /// <exception cref="ArgumentException">The instance exports no <c>_start</c> function of type <c>() -&gt; ()</c>.</exception>
    /// <exception cref="TrapException">The guest trapped.</exception>
    public static int RunCommand(this Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var start = instance.GetAction("_start")
            ?? throw new ArgumentException("the instance exports no _start function taking and returning nothing", nameof(instance));
        try
        {
            start();
            return 0;
        }
        catch (WasiExitException exit)
        {
            return exit.ExitCode;
        }
    }
}
