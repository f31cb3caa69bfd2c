using WasGo.Wasm.Runtime;

namespace WasGo.Wasm;

/// <summary>
/// Given to host functions that ask for it (a first parameter of this type): the instance that called
/// them, so they can read its memory or call its exports.
/// </summary>
/// <remarks>Valid only during the host call that received it.</remarks>
public sealed class Caller
{
    private readonly ModuleInstance? _instance;

    internal Caller(ModuleInstance? instance, Store store)
    {
        _instance = instance;
        Store = store;
    }

    /// <summary>The store the call runs in.</summary>
    public Store Store { get; }

    /// <summary>An exported memory of the calling instance.</summary>
    /// <param name="name">The export name, usually "memory".</param>
    /// <returns>The memory, or null if there is no such memory export.</returns>
    public Memory? GetMemory(string name) =>
        _instance is not null && _instance.Exports.TryGetValue(name, out var e) && e is MemoryInstance m ? new Memory(Store, m) : null;

    /// <summary>An exported function of the calling instance.</summary>
    /// <param name="name">The export name.</param>
    /// <returns>The function, or null if there is no such function export.</returns>
    public Function? GetFunction(string name) =>
        _instance is not null && _instance.Exports.TryGetValue(name, out var e) && e is FunctionInstance f ? new Function(Store, f) : null;

    /// <summary>An exported global of the calling instance.</summary>
    /// <param name="name">The export name.</param>
    /// <returns>The global, or null if there is no such global export.</returns>
    public Global? GetGlobal(string name) =>
        _instance is not null && _instance.Exports.TryGetValue(name, out var e) && e is GlobalInstance g ? new Global(Store, g) : null;
}
