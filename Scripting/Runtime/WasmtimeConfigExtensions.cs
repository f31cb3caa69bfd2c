using System.Reflection;
using System.Runtime.InteropServices;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// Settings of Wasmtime's C API that its .NET binding (<c>Wasmtime</c> 50.0.1) does not expose,
/// set on the binding's own configuration through the same native library.
/// </summary>
internal static class WasmtimeConfigExtensions
{
    // The binding keeps the native wasm_config_t* in an internal property; the package version is
    // pinned, and the tests of the settings below fail if it moves.
    private static readonly PropertyInfo s_nativeHandle =
        typeof(Config).GetProperty("NativeHandle", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new MissingMemberException(typeof(Config).FullName, "NativeHandle");

    /// <summary>
    /// Sets whether a linear memory is initialized by mapping its module's data from one shared
    /// copy-on-write image (Wasmtime's <c>memory_init_cow</c>, on by default) instead of copying the
    /// data segments into it.
    /// </summary>
    /// <param name="config">The configuration.</param>
    /// <param name="enable">Whether to map the shared image.</param>
    /// <returns>The same configuration.</returns>
    public static Config WithMemoryInitCow(this Config config, bool enable)
    {
        var handle = (SafeHandle)s_nativeHandle.GetValue(config)!;
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            NativeMethods.wasmtime_config_memory_init_cow_set(handle.DangerousGetHandle(), enable);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return config;
    }

    private static class NativeMethods
    {
        [DllImport("wasmtime")]
        public static extern void wasmtime_config_memory_init_cow_set(IntPtr config, [MarshalAs(UnmanagedType.U1)] bool enable);
    }
}
