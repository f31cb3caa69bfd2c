using System.Collections.Concurrent;
using WasGo.Persistence;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// What every entity of a host shares: one Wasmtime <see cref="Wasmtime.Engine"/> with the sandbox's
/// settings, one <see cref="Linker"/> with the <c>wasgo</c> imports defined once, the clock of
/// wall-clock limits, and compiled modules by content hash (a module is compiled once however many
/// entities run it). Each entity gets a <see cref="Store"/> and an instance of its own.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class ScriptRuntime : IDisposable
{
    private readonly Linker _linker;
    private readonly ConcurrentDictionary<string, Lazy<Task<Module>>> _modules = new(StringComparer.Ordinal);
    private readonly EpochClock _epochs;
    private readonly ArtifactCache? _artifacts;
    private readonly CompilerProcess? _compiler;
    private readonly bool _ownsMetrics;
    private int _compilations;

    /// <summary>Initializes a runtime.</summary>
    /// <param name="options">The sandbox's settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="metrics">Where calls, fuel, traps and activations are counted, or <see langword="null"/> for meters of this runtime's own.</param>
    /// <param name="compiler">
    /// Where modules are compiled under the sandbox's compile limits, or <see langword="null"/> to
    /// compile in this process with no limit: only for modules the caller trusts (tests, benchmarks,
    /// a script author's own harness). A host compiles every deployed module in a compiler process.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range.</exception>
    public ScriptRuntime(ScriptRuntimeOptions? options = null, ScriptMetrics? metrics = null, CompilerProcess? compiler = null)
    {
        Options = options ?? new ScriptRuntimeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxMemoryPages, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Options.MaxMemoryPages, 65536, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxStackBytes, 64 * 1024, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.EpochInterval, TimeSpan.FromMilliseconds(1), nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Options.MaxCompileTime, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxCompileMemoryBytes, 1, nameof(options));
        _ownsMetrics = metrics is null;
        Metrics = metrics ?? new ScriptMetrics();
        _compiler = compiler;
        Engine = CreateEngine(Options);
        _linker = new Linker(Engine);
        WasgoImports.Define(_linker);
        _epochs = new EpochClock(Engine, Options.EpochInterval);
        _artifacts = Options.ArtifactCachePath is { } folder ? new ArtifactCache(folder, ArtifactCache.SettingsOf(Options)) : null;
    }

    /// <summary>Gets the engine every script of this runtime is compiled by.</summary>
    public Engine Engine { get; }

    /// <summary>Gets the sandbox's settings.</summary>
    public ScriptRuntimeOptions Options { get; }

    /// <summary>Gets the meters of the entities this runtime runs.</summary>
    public ScriptMetrics Metrics { get; }

    /// <summary>Compiles a module, or returns the one already compiled from the same bytes.</summary>
    /// <param name="hash">The bytes' content hash.</param>
    /// <param name="bytes">The module.</param>
    /// <returns>The compiled module.</returns>
    /// <exception cref="ModuleCompileException">The bytes are not a valid module, use a feature the sandbox does not allow (threads, shared memory), or their compile went past a limit.</exception>
    public Task<Module> CompileAsync(string hash, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(bytes);
        Lazy<Task<Module>> compiled = _modules.GetOrAdd(hash, _ => new Lazy<Task<Module>>(() => LoadOrCompileAsync(hash, bytes)));
        return ForgetIfRefusedAsync(hash, compiled);
    }

    /// <summary>Compiles a module, or returns the one already compiled from the same bytes, waiting for a compiler process if there is one.</summary>
    /// <inheritdoc cref="CompileAsync"/>
    public Module Compile(string hash, byte[] bytes) => CompileAsync(hash, bytes).GetAwaiter().GetResult();

    /// <summary>Gets how many modules this runtime has compiled (rather than found compiled in its artifact cache).</summary>
    internal int Compilations => _compilations;

    /// <summary>Checks a module against the WasGo ABI (<c>Sdk/ABI.md</c>) without running it.</summary>
    /// <param name="module">A module compiled by this runtime's engine.</param>
    /// <returns>One message per problem (an import from elsewhere or of the wrong type, no memory, a lifecycle export of the wrong type); empty if the module is a valid script.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is null.</exception>
    public IReadOnlyList<string> CheckAbi(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return AbiCheck.Check(module, _linker, Engine);
    }

    /// <summary>
    /// Returns the compiled module of a content hash, reading its bytes from <paramref name="modules"/>
    /// only when it is not compiled yet: activating an entity of a known module costs no read.
    /// </summary>
    /// <param name="modules">Where module bytes are stored.</param>
    /// <param name="hash">The module's content hash.</param>
    /// <returns>The module, or why there is none.</returns>
    public async Task<(Module? Module, string? Problem)> LoadAsync(WasGo.Persistence.IModuleStore modules, string hash)
    {
        if (_modules.TryGetValue(hash, out Lazy<Task<Module>>? compiled) && compiled.IsValueCreated && compiled.Value.IsCompletedSuccessfully)
        {
            return (compiled.Value.Result, null);
        }

        byte[]? bytes = await modules.GetAsync(hash).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, $"module {hash} is not stored");
        }

        try
        {
            return (await CompileAsync(hash, bytes).ConfigureAwait(false), null);
        }
        catch (ModuleCompileException refused)
        {
            return (null, $"module {hash} does not load: {refused.Message}");
        }
    }

    /// <summary>Stops the epoch clock and frees the compiled modules and the engine, and the meters if the runtime made them.</summary>
    public void Dispose()
    {
        _epochs.Dispose();
        foreach (Lazy<Task<Module>> module in _modules.Values.Where(static m => m.IsValueCreated && m.Value.IsCompletedSuccessfully))
        {
            module.Value.Result.Dispose();
        }

        _linker.Dispose();
        Engine.Dispose();
        if (_ownsMetrics)
        {
            Metrics.Dispose();
        }
    }

    /// <summary>Makes an engine with the sandbox's settings: the host's, and a compiler process's, whose artifacts the host's engine loads.</summary>
    internal static Engine CreateEngine(ScriptRuntimeOptions options) => new(new Config()
        .WithFuelConsumption(true)
        .WithEpochInterruption(true)
        .WithWasmThreads(false) // on by default in 50.0.1: a module with shared memory would compile
        .WithRelaxedSIMD(false, true) // relaxed SIMD's results may differ between processors
        .WithCraneliftNaNCanonicalization(options.NaNCanonicalization)
        .WithMaximumStackSize(options.MaxStackBytes)
        // Each memory reserves only what it may grow to, not 4 GiB and a guard, so that tens of
        // thousands of instances fit in the address space; bounds are then checked in code.
        .WithStaticMemoryMaximumSize((ulong)(options.MaxMemoryPages * Memory.PageSize))
        .WithMemoryGuardSize(64 * 1024)
        .WithMemoryInitCow(options.SharedMemoryImages));

    /// <summary>Compiles a module in this process.</summary>
    /// <exception cref="ModuleCompileException">The module does not decode, validate or compile.</exception>
    internal static Module CompileHere(Engine engine, string name, byte[] bytes)
    {
        try
        {
            return Module.FromBytes(engine, name, bytes);
        }
        catch (WasmtimeException invalid)
        {
            throw new ModuleCompileException(WasmtimeErrors.Describe(invalid), invalid);
        }
    }

    private async Task<Module> ForgetIfRefusedAsync(string hash, Lazy<Task<Module>> compiled)
    {
        try
        {
            return await compiled.Value.ConfigureAwait(false);
        }
        catch
        {
            // A module that does not compile is not kept: the next deploy of the same name may fix
            // it, and a compile that failed for the host's reasons (a compiler process that did not
            // start, a full disk) is tried again the next time.
            _modules.TryRemove(KeyValuePair.Create(hash, compiled));
            throw;
        }
    }

    private async Task<Module> LoadOrCompileAsync(string hash, byte[] bytes)
    {
        if (_artifacts?.TryLoad(Engine, hash) is { } cached)
        {
            return cached;
        }

        Module module;
        if (_compiler is null)
        {
            module = CompileHere(Engine, hash, bytes);
            _artifacts?.Store(hash, module.Serialize());
        }
        else
        {
            byte[] artifact = await _compiler.CompileAsync(hash, bytes, Options).ConfigureAwait(false);
            module = Module.Deserialize(Engine, hash, artifact);
            _artifacts?.Store(hash, artifact);
        }

        Interlocked.Increment(ref _compilations);
        return module;
    }

    /// <summary>The epochs ahead a call's deadline is for a wall-clock limit.</summary>
    internal ulong EpochsFor(TimeSpan limit) => _epochs.EpochsFor(limit);

    /// <summary>
    /// Makes a store with the sandbox's limits and instantiates the module in it, under the fuel and
    /// wall-clock limits of one call (a start function runs now).
    /// </summary>
    /// <exception cref="WasmtimeException">The module cannot be instantiated (its memory, table or data segments, or its start function trapped).</exception>
    internal ScriptInstance Instantiate(Module module, ScriptContext context)
    {
        var store = new Store(Engine, context);
        try
        {
            store.SetLimits(memorySize: Options.MaxMemoryPages * Memory.PageSize, tableElements: Options.MaxTableElements, instances: 1, tables: 1, memories: 1);
            store.Fuel = (ulong)context.FuelPerCall;
            store.SetEpochDeadline(EpochsFor(context.CallTimeLimit));
            Instance instance = _linker.Instantiate(store, module);
            context.Memory = instance.GetMemory("memory");
            Metrics.Activated();
            return new ScriptInstance(instance, store, context, this);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
