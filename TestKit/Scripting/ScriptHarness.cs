using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Actors.TestKit;

/// <summary>
/// A test bench for script authors: load a module as an entity, call it, send it notifications,
/// advance ticks and timers, and assert on its state, the signals it emitted and the messages it
/// sent. It runs the entity in a private deterministic world, so time moves only when the test says.
/// </summary>
/// <remarks>Not thread-safe: one test drives it.</remarks>
public sealed class ScriptHarness : IDisposable
{
    private readonly ScriptRuntime _runtime = new();
    private readonly Dictionary<string, Module> _modules = new(StringComparer.Ordinal);
    private readonly World _world;
    private readonly List<EntitySignal> _signals = [];
    private readonly List<OutgoingMessage> _sent = [];
    private readonly List<(string EntityId, string Reason)> _givenUp = [];
    private readonly double _tickRate;

    /// <summary>Initializes an empty harness.</summary>
    /// <param name="tickRate">Ticks per second of the harness's world. Default 20.</param>
    /// <param name="randomSeed">The seed of the entities' generators.</param>
    /// <param name="logger">Where scripts log, or <see langword="null"/> for nowhere.</param>
    public ScriptHarness(double tickRate = 20, ulong randomSeed = 1, ILogger? logger = null)
    {
        _tickRate = tickRate;
        _world = new World(new WorldOptions { WorldId = "harness", TickRate = tickRate, RandomSeed = randomSeed }, _runtime, hash => _modules.GetValueOrDefault(hash), logger ?? NullLogger.Instance);
        _world.Undeliverable += _sent.Add;
    }

    /// <summary>Gets the signals emitted so far, in order.</summary>
    public IReadOnlyList<EntitySignal> Signals => _signals;

    /// <summary>Gets the messages sent so far to entities the harness does not have, in order.</summary>
    public IReadOnlyList<OutgoingMessage> Sent => _sent;

    /// <summary>Gets the calls and notifications that failed for good so far (a trap, fuel, a limit, the wall clock), with the reason.</summary>
    public IReadOnlyList<(string EntityId, string Reason)> GivenUp => _givenUp;

    /// <summary>Gets the number of ticks run.</summary>
    public long Tick => _world.Tick;

    /// <summary>Gets the world time in seconds.</summary>
    public double Time => _world.Time;

    /// <summary>Gets the digest of every entity's state now (lower-case hex SHA-256): what a host computes after the same inputs, on any machine.</summary>
    public string Digest => Convert.ToHexStringLower(_world.Digest());

    /// <summary>Loads a module as a new entity; its <c>_ready</c> runs.</summary>
    /// <param name="module">The module's bytes.</param>
    /// <param name="entityId">The entity's id.</param>
    /// <returns>The result of the spawn (an error if the module does not load).</returns>
    /// <exception cref="ModuleCompileException">The module is malformed or invalid.</exception>
    public CallResult Spawn(byte[] module, string entityId = "entity")
    {
        ArgumentNullException.ThrowIfNull(module);
        string hash = ModuleHash.Of(module);
        _modules[hash] = _runtime.Compile(hash, module);
        return Record(_world.Apply(new SpawnInput(entityId, hash)));
    }

    /// <summary>Loads a module file as a new entity.</summary>
    /// <param name="path">The .wasm file.</param>
    /// <param name="entityId">The entity's id.</param>
    /// <returns>The result of the spawn.</returns>
    public CallResult SpawnFile(string path, string entityId = "entity") => Spawn(File.ReadAllBytes(path), entityId);

    /// <summary>Calls a method now (time does not move).</summary>
    /// <param name="method">The method.</param>
    /// <param name="arguments">Integers, floats, strings, byte arrays or null.</param>
    /// <returns>The result.</returns>
    public CallResult Call(string method, params object?[] arguments) => CallOn("entity", method, arguments);

    /// <summary>Calls a method of a given entity now.</summary>
    /// <param name="entityId">The entity.</param>
    /// <param name="method">The method.</param>
    /// <param name="arguments">Integers, floats, strings, byte arrays or null.</param>
    /// <returns>The result.</returns>
    public CallResult CallOn(string entityId, string method, params object?[] arguments) =>
        Record(_world.Apply(new CallInput(entityId, method, arguments.Select(ScriptValue.FromObject).ToArray())));

    /// <summary>Runs ticks: <c>_process</c> on each entity, due timers, messages between entities.</summary>
    /// <param name="count">How many ticks.</param>
    public void RunTicks(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (int i = 0; i < count; i++)
        {
            Record(_world.Step([]));
        }
    }

    /// <summary>Runs as many ticks as <paramref name="time"/> takes (rounded up).</summary>
    /// <param name="time">How long.</param>
    public void Advance(TimeSpan time) => RunTicks((int)Math.Ceiling(time.TotalSeconds * _tickRate));

    /// <summary>Gets an entity's script columns.</summary>
    /// <param name="entityId">The entity.</param>
    /// <returns>The columns.</returns>
    /// <exception cref="KeyNotFoundException">There is no such entity.</exception>
    public IReadOnlyDictionary<string, ScriptValue> State(string entityId = "entity") =>
        _world.StateOf(entityId) ?? throw new KeyNotFoundException($"The harness has no entity '{entityId}'.");

    /// <summary>Frees the entities and the runtime.</summary>
    public void Dispose()
    {
        _world.Dispose();
        _runtime.Dispose();
    }

    private CallResult Record(TickResult result)
    {
        _signals.AddRange(result.Signals);
        _givenUp.AddRange(result.GivenUp);
        return result.InputResults.Count > 0 ? result.InputResults[0] : CallResult.Success(ScriptValue.Nil);
    }
}
