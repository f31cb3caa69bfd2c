using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using WasGo.Wasm;

namespace WasGo.Scripting;

/// <summary>
/// What every entity of a host shares: the engine, one linker with the <c>wasgo</c> imports, and
/// compiled modules by content hash (a module is compiled once however many entities run it).
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class ScriptRuntime : IDisposable
{
    private readonly Linker _linker;
    private readonly ConditionalWeakTable<Store, ScriptContext> _contexts = [];
    private readonly ConcurrentDictionary<string, Lazy<Module>> _modules = new(StringComparer.Ordinal);
    private readonly bool _ownsMetrics;

    /// <summary>The default limit of a script's linear memory: 256 pages of 64 KiB, 16 MiB.</summary>
    public const long DefaultMaxMemoryPages = 256;

    /// <summary>Initializes a runtime.</summary>
    /// <param name="config">
    /// The engine's settings (limits, features), or <see langword="null"/> for the defaults with
    /// memories limited to <see cref="DefaultMaxMemoryPages"/> (each instance reserves address space
    /// for its limit, and a host runs many thousands of them), fuel, and NaN canonicalisation, so a
    /// world's float results are the same bits on every node.
    /// </param>
    /// <param name="metrics">Where calls, fuel, traps and activations are counted, or <see langword="null"/> for meters of this runtime's own.</param>
    public ScriptRuntime(Config? config = null, ScriptMetrics? metrics = null)
    {
        _ownsMetrics = metrics is null;
        Metrics = metrics ?? new ScriptMetrics();
        config ??= new Config().WithMaxMemoryPages(DefaultMaxMemoryPages).WithFuelConsumption(true).WithNaNCanonicalization(true);
        ConsumesFuel = config.ConsumesFuel;
        Engine = new Engine(config);
        _linker = new Linker(Engine);
        WasgoImports.Define(_linker, ContextOf);
    }

    /// <summary>Gets the engine.</summary>
    public Engine Engine { get; }

    /// <summary>Gets the meters of the entities this runtime runs.</summary>
    public ScriptMetrics Metrics { get; }

    /// <summary>Gets whether scripts consume fuel, so that a fuel budget per call applies (on by default).</summary>
    public bool ConsumesFuel { get; }

    /// <summary>Compiles a module, or returns the one already compiled from the same bytes.</summary>
    /// <param name="hash">The bytes' content hash.</param>
    /// <param name="bytes">The module.</param>
    /// <returns>The compiled module.</returns>
    /// <exception cref="WasmException">The bytes are not a valid module.</exception>
    public Module Compile(string hash, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(bytes);
        Lazy<Module> compiled = _modules.GetOrAdd(hash, _ => new Lazy<Module>(() => Module.FromBytes(Engine, hash, bytes)));
        try
        {
            return compiled.Value;
        }
        catch (WasmException)
        {
            // A module that does not compile is not kept: the next deploy of the same name may fix it.
            _modules.TryRemove(hash, out _);
            throw;
        }
    }

    /// <summary>Checks a module against the WasGo ABI (<c>Sdk/ABI.md</c>) without running it.</summary>
    /// <param name="module">A module compiled by this runtime's engine.</param>
    /// <returns>One message per problem (an import from elsewhere or of the wrong type, no memory, a lifecycle export of the wrong type); empty if the module is a valid script.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is null.</exception>
    public IReadOnlyList<string> CheckAbi(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return AbiCheck.Check(module, _linker);
    }

    /// <summary>
    /// Returns the compiled module of a content hash, reading its bytes from <paramref name="modules"/>
    /// only when it is not compiled yet: activating an entity of a known module costs no read.
    /// </summary>
    /// <param name="modules">Where module bytes are stored.</param>
    /// <param name="hash">The module's content hash.</param>
    /// <returns>The module, or why there is none.</returns>
    internal async Task<(Module? Module, string? Problem)> LoadAsync(WasGo.Persistence.IModuleStore modules, string hash)
    {
        if (_modules.TryGetValue(hash, out Lazy<Module>? compiled) && compiled.IsValueCreated)
        {
            return (compiled.Value, null);
        }

        byte[]? bytes = await modules.GetAsync(hash).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, $"module {hash} is not stored");
        }

        try
        {
            return (Compile(hash, bytes), null);
        }
        catch (WasmException invalid)
        {
            return (null, $"module {hash} does not load: {invalid.Message}");
        }
    }

    /// <summary>Frees the engine, and the meters if the runtime made them.</summary>
    public void Dispose()
    {
        Engine.Dispose();
        if (_ownsMetrics)
        {
            Metrics.Dispose();
        }
    }

    internal ScriptInstance Instantiate(Module module, ScriptContext context)
    {
        var store = new Store(Engine);
        _contexts.Add(store, context);
        try
        {
            Instance instance = _linker.Instantiate(store, module);
            context.Memory = instance.GetMemory("memory");
            Metrics.Activated();
            return new ScriptInstance(instance, store, context, ConsumesFuel, Metrics);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private ScriptContext ContextOf(Store store) =>
        _contexts.TryGetValue(store, out ScriptContext? context) ? context : throw new InvalidOperationException("A wasgo import was called from a store that runs no entity.");
}
