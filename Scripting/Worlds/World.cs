using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// A deterministic simulation of scripted entities. A tick applies the inputs given to it in order,
/// calls <c>_process(delta)</c> on every entity that exports it in ordinal id order, delivers the
/// messages entities sent each other first-in first-out, fires the timers that are due, and ends
/// with a digest of every entity's state. The same module bytes and the same inputs at the same
/// ticks give the same digests on every machine: nothing here reads a clock, a random source or
/// the order of a hash table. The one clock a call may meet, its wall-clock limit, is a backstop
/// whose stops a tick reports (<see cref="TickResult.TimedOutCalls"/>) and a replay repeats.
/// </summary>
/// <remarks>
/// Budgets keep one entity from taking its world down: messages waiting in the world and sent by
/// one entity, messages one entity receives in a tick, timers, and signal bytes per tick, each counted the
/// same way on every machine (see <see cref="WorldOptions"/>). Not thread-safe: one owner (a world
/// actor, a replay) steps it.
/// </remarks>
public sealed partial class World : IDisposable
{
    private readonly SortedDictionary<string, ScriptedEntity> _entities = new(StringComparer.Ordinal);
    private readonly Queue<Delivery> _deliveries = new();
    private readonly SortedSet<PendingTimer> _timers = [];
    private readonly List<Outgoing> _outgoing = [];
    private readonly WorldOptions _options;
    private readonly EntityOptions _entityOptions;
    private readonly ScriptRuntime _runtime;
    private readonly Func<string, Module?> _modules;
    private readonly ILogger _logger;
    private readonly WallClockOutcomes _wallClock = new();

    // The budgets' counts: undelivered messages by sender; messages received and signal bytes emitted
    // in this tick, by entity and in all. Keyed by id, and never enumerated, so their order cannot matter.
    private readonly Dictionary<string, int> _pendingBySender = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _receivedThisTick = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _signalBytesByEntity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<long>> _timerIds = new(StringComparer.Ordinal);
    private long _signalBytesThisTick;
    private double _tickRate;

    // The world's time at the last change of tick rate, and the tick it changed at: time() moves on
    // smoothly when the rate changes, and is Tick / rate in a world that never changed it.
    private double _timeBase;
    private long _tickBase;

    /// <summary>Initializes an empty world at tick 0.</summary>
    /// <param name="options">The world's settings.</param>
    /// <param name="runtime">The script runtime.</param>
    /// <param name="modules">Finds a compiled module by content hash (null if unknown).</param>
    /// <param name="logger">Where scripts' log lines and traps go.</param>
    public World(WorldOptions options, ScriptRuntime runtime, Func<string, Module?> modules, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!WorldOptions.IsAllowedTickRate(options.TickRate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TickRate, WorldOptions.TickRateProblem(options.TickRate));
        }

        _options = options;
        _runtime = runtime;
        _modules = modules;
        _logger = logger;
        _tickRate = options.TickRate;
        _entityOptions = new EntityOptions
        {
            WorldId = options.WorldId,
            RandomSeed = options.RandomSeed,
            CallTimeLimit = options.CallTimeLimit,
            FuelPerCall = options.FuelPerCall,
            MaxHostBytesPerCall = options.MaxHostBytesPerCall,
            WorldTime = () => Time,
            IdleTimeout = null,
        };
    }

    /// <summary>Gets the number of ticks completed.</summary>
    public long Tick { get; private set; }

    /// <summary>Gets the world's time in seconds: the sum of its ticks' lengths.</summary>
    public double Time => _timeBase + ((Tick - _tickBase) / _tickRate);

    /// <summary>Gets how many ticks a second the world runs now: its options' rate until a <see cref="SetTickRateInput"/> changes it.</summary>
    public double TickRate => _tickRate;

    /// <summary>Gets the ids of the entities, in the order they are ticked.</summary>
    public IEnumerable<string> EntityIds => _entities.Keys;

    /// <summary>Gets the script columns of an entity.</summary>
    /// <param name="entityId">The entity.</param>
    /// <returns>Its columns, or <see langword="null"/> if there is no such entity.</returns>
    public IReadOnlyDictionary<string, ScriptValue>? StateOf(string entityId) =>
        _entities.TryGetValue(entityId, out ScriptedEntity? entity) ? entity.Context.State.ScriptColumns() : null;

    /// <summary>
    /// Raised for a message an entity sent to an id this world does not have: such messages are
    /// otherwise dropped (a harness records them; a host may route them elsewhere).
    /// </summary>
    public event Action<OutgoingMessage>? Undeliverable;

    /// <summary>
    /// Applies one input now, between ticks, and delivers the messages it causes; time does not move.
    /// For tests and tools; a running world takes inputs through <see cref="Step"/>.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <returns>What the input did.</returns>
    public TickResult Apply(WorldInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _wallClock.BeginTick(recorded: null);
        var signals = new List<EntitySignal>();
        var givenUp = new List<(string, string)>();
        CallResult result = Apply(input, signals, givenUp);
        DeliverMessages(signals, givenUp);
        return new TickResult(Tick, Digest(), [result], signals, givenUp, [.. _wallClock.Stopped]);
    }

    /// <summary>Runs one tick.</summary>
    /// <param name="inputs">The inputs of this tick, in the order to apply them.</param>
    /// <param name="timedOutCalls">
    /// For a replay, the calls the wall clock stopped when the tick ran live (its
    /// <see cref="TickResult.TimedOutCalls"/>): the wall clock is then off and exactly those calls are
    /// stopped again. Null for a live tick, where the wall clock stops any call that runs too long.
    /// </param>
    /// <returns>What the tick did.</returns>
    public TickResult Step(IReadOnlyList<WorldInput> inputs, IReadOnlyList<int>? timedOutCalls = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _wallClock.BeginTick(timedOutCalls);
        _receivedThisTick.Clear();
        _signalBytesByEntity.Clear();
        _signalBytesThisTick = 0;
        var signals = new List<EntitySignal>();
        var givenUp = new List<(string, string)>();
        var results = new List<CallResult>(inputs.Count);
        foreach (WorldInput input in inputs)
        {
            results.Add(Apply(input, signals, givenUp));
        }

        double delta = 1.0 / _tickRate;
        foreach (ScriptedEntity entity in _entities.Values.ToArray())
        {
            if (entity.Exports("_process"))
            {
                Run(entity, instance => instance.Notify("_process", [ScriptValue.FromFloat(delta)]), signals, givenUp);
            }
        }

        Tick++;
        FireDueTimers(signals, givenUp);
        DeliverMessages(signals, givenUp);
        return new TickResult(Tick, Digest(), results, signals, givenUp, [.. _wallClock.Stopped]);
    }

    /// <summary>Computes the digest of every entity's id and state, in id order.</summary>
    /// <returns>The SHA-256.</returns>
    public byte[] Digest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach ((string id, ScriptedEntity entity) in _entities)
        {
            byte[] idBytes = Encoding.UTF8.GetBytes(id);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, idBytes.Length);
            hash.AppendData(length);
            hash.AppendData(idBytes);
            hash.AppendData(entity.Context.State.Digest());
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Frees every entity's instance.</summary>
    public void Dispose()
    {
        foreach (ScriptedEntity entity in _entities.Values)
        {
            entity.Dispose();
        }

        _entities.Clear();
    }

    private CallResult Apply(WorldInput input, List<EntitySignal> signals, List<(string, string)> givenUp)
    {
        switch (input)
        {
            case SpawnInput spawn:
                if (_entities.ContainsKey(spawn.EntityId))
                {
                    return CallResult.Failure(ScriptErrorCode.BadArguments, $"World '{_options.WorldId}' already has an entity '{spawn.EntityId}'.");
                }

                var entity = new ScriptedEntity(spawn.EntityId, new StateRow(), _runtime, _entityOptions, _logger, _wallClock);
                _entities.Add(spawn.EntityId, entity);
                if (_modules(spawn.ModuleHash) is not { } module)
                {
                    entity.MarkUnavailable(new ScriptError(ScriptErrorCode.Unavailable, $"Module {spawn.ModuleHash} is not deployed."));
                    return new CallResult(ScriptValue.Nil, entity.Unavailable);
                }

                SetBudgets(entity);
                entity.Load(module, spawn.ModuleHash, _outgoing);
                if (entity.Unavailable is { Code: ScriptErrorCode.InvalidModule } cannotStart)
                {
                    // A module that cannot be instantiated never will be: the spawn is refused, not an entity that fails every call.
                    _outgoing.Clear();
                    _entities.Remove(spawn.EntityId);
                    entity.Dispose();
                    return new CallResult(ScriptValue.Nil, cannotStart);
                }

                Route(entity, signals);
                return CallResult.Success(ScriptValue.Nil);
            case CallInput call:
                return _entities.TryGetValue(call.EntityId, out ScriptedEntity? target)
                    ? Run(target, instance => instance.Call(call.Method, call.Arguments), signals, givenUp)
                    : CallResult.Failure(ScriptErrorCode.Unavailable, $"World '{_options.WorldId}' has no entity '{call.EntityId}'.");
            case DespawnInput despawn:
                if (!_entities.Remove(despawn.EntityId, out ScriptedEntity? leaving))
                {
                    return CallResult.Failure(ScriptErrorCode.Unavailable, $"World '{_options.WorldId}' has no entity '{despawn.EntityId}'.");
                }

                CallResult result = Run(leaving, instance => instance.Notify("_notification", [ScriptValue.FromInteger(EntityNotification.Predelete)]), signals, givenUp);
                leaving.Dispose();
                _timers.RemoveWhere(t => t.EntityId == despawn.EntityId);
                _timerIds.Remove(despawn.EntityId);
                return result;
            case SetTickRateInput rate:
                if (!WorldOptions.IsAllowedTickRate(rate.TickRate))
                {
                    return CallResult.Failure(ScriptErrorCode.BadArguments, WorldOptions.TickRateProblem(rate.TickRate)!);
                }

                _timeBase = Time;
                _tickBase = Tick;
                _tickRate = rate.TickRate;
                return CallResult.Success(ScriptValue.Nil);
            default:
                throw new ArgumentException($"Unknown world input {input.GetType().Name}.", nameof(input));
        }
    }

    private CallResult Run(ScriptedEntity entity, Func<ScriptInstance, CallResult> attempt, List<EntitySignal> signals, List<(string, string)> givenUp)
    {
        SetBudgets(entity);
        CallResult result = entity.Run(attempt, _outgoing, out string? gaveUp);
        if (gaveUp is not null)
        {
            givenUp.Add((entity.EntityId, gaveUp));
        }

        entity.Context.Dirty = false;
        Route(entity, signals);
        return result;
    }

    /// <summary>Tells the entity's next call how many messages it may send and signal bytes it may emit: the room left in its own budgets and its world's.</summary>
    private void SetBudgets(ScriptedEntity entity)
    {
        int pending = _pendingBySender.GetValueOrDefault(entity.EntityId);
        entity.Context.SendBudget = Math.Max(0, Math.Min(_options.MaxPendingMessagesPerEntity - pending, _options.MaxPendingMessages - _deliveries.Count));
        long emitted = _signalBytesByEntity.GetValueOrDefault(entity.EntityId);
        entity.Context.SignalBudget = Math.Max(0, Math.Min(_options.MaxSignalBytesPerEntityPerTick - emitted, _options.MaxSignalBytesPerTick - _signalBytesThisTick));
        entity.Context.RunningTimers = TimerIdsOf(entity.EntityId);
        entity.Context.MaxTimers = _options.MaxTimersPerEntity;
    }

    /// <summary>Turns what an entity asked for into deliveries, timers and signals, in the order it asked.</summary>
    private void Route(ScriptedEntity from, List<EntitySignal> signals)
    {
        foreach (Outgoing outgoing in _outgoing)
        {
            switch (outgoing)
            {
                case OutgoingSend send:
                    Enqueue(new Delivery(from.EntityId, send.Target, send.Method, send.Arguments, null, 0));
                    break;
                case OutgoingCall call:
                    Enqueue(new Delivery(from.EntityId, call.Target, call.Method, call.Arguments, from.EntityId, call.CallId));
                    break;
                case OutgoingSignal signal:
                    signals.Add(new EntitySignal(_options.WorldId, from.EntityId, signal.Signal, signal.Arguments));
                    _signalBytesByEntity[from.EntityId] = _signalBytesByEntity.GetValueOrDefault(from.EntityId) + signal.Size;
                    _signalBytesThisTick += signal.Size;
                    break;
                case OutgoingTimerStart start:
                    _timers.RemoveWhere(t => t.EntityId == from.EntityId && t.TimerId == start.TimerId);
                    long ticks = Math.Max(1, (long)Math.Ceiling(start.DelayMilliseconds * _tickRate / 1000.0));
                    // Scripts see time() = Tick / rate while a tick runs, so the timer is due when that time plus its delay is reached.
                    _timers.Add(new PendingTimer(Tick + ticks, from.EntityId, start.TimerId, start.Repeat ? ticks : 0));
                    TimerIdsOf(from.EntityId).Add(start.TimerId);
                    break;
                case OutgoingTimerCancel cancel:
                    _timers.RemoveWhere(t => t.EntityId == from.EntityId && t.TimerId == cancel.TimerId);
                    TimerIdsOf(from.EntityId).Remove(cancel.TimerId);
                    break;
                case OutgoingLog log:
                    LogScript(_logger, (LogLevel)log.Level, from.EntityId, log.Text);
                    break;
            }
        }

        _outgoing.Clear();
    }

    private void FireDueTimers(List<EntitySignal> signals, List<(string, string)> givenUp)
    {
        while (_timers.Min is { } due && due.DueTick <= Tick)
        {
            _timers.Remove(due);
            if (due.RepeatTicks > 0)
            {
                _timers.Add(due with { DueTick = due.DueTick + due.RepeatTicks });
            }
            else
            {
                TimerIdsOf(due.EntityId).Remove(due.TimerId);
            }

            if (_entities.TryGetValue(due.EntityId, out ScriptedEntity? entity))
            {
                Run(entity, instance => instance.Notify("_timer", [ScriptValue.FromInteger(due.TimerId)]), signals, givenUp);
            }
        }
    }

    private HashSet<long> TimerIdsOf(string entityId)
    {
        if (!_timerIds.TryGetValue(entityId, out HashSet<long>? ids))
        {
            _timerIds[entityId] = ids = [];
        }

        return ids;
    }

    private void Enqueue(Delivery delivery)
    {
        _deliveries.Enqueue(delivery);
        _pendingBySender[delivery.From] = _pendingBySender.GetValueOrDefault(delivery.From) + 1;
    }

    /// <summary>
    /// Delivers waiting messages in order, up to the tick's budgets: the world's, and each
    /// recipient's. A message to a recipient that has had its share of this tick waits, in order,
    /// for the next ticks, so an entity that messages itself cannot take a whole tick.
    /// </summary>
    private void DeliverMessages(List<EntitySignal> signals, List<(string, string)> givenUp)
    {
        List<Delivery>? deferred = null;
        for (int delivered = 0; delivered < _options.MaxMessagesPerTick && _deliveries.TryDequeue(out Delivery? delivery);)
        {
            int received = _receivedThisTick.GetValueOrDefault(delivery.Target);
            if (received >= _options.MaxMessagesPerEntityPerTick)
            {
                (deferred ??= []).Add(delivery);
                continue;
            }

            _receivedThisTick[delivery.Target] = received + 1;
            delivered++;
            if (_pendingBySender.GetValueOrDefault(delivery.From) is var pending and > 1)
            {
                _pendingBySender[delivery.From] = pending - 1;
            }
            else
            {
                _pendingBySender.Remove(delivery.From);
            }

            CallResult result;
            if (_entities.TryGetValue(delivery.Target, out ScriptedEntity? target))
            {
                result = Run(target, instance => instance.Call(delivery.Method, delivery.Arguments), signals, givenUp);
            }
            else
            {
                Undeliverable?.Invoke(new OutgoingMessage(delivery.From, delivery.Target, delivery.Method, delivery.Arguments));
                result = CallResult.Failure(ScriptErrorCode.Unavailable, $"World '{_options.WorldId}' has no entity '{delivery.Target}'.");
            }

            if (delivery.ReplyTo is { } caller && _entities.TryGetValue(caller, out ScriptedEntity? waiting))
            {
                Run(waiting, instance => instance.Reply(delivery.CallId, result), signals, givenUp);
            }
        }

        if (deferred is not null)
        {
            // The deferred messages were first in line, so they stay first, in their order.
            Delivery[] behind = [.. _deliveries];
            _deliveries.Clear();
            foreach (Delivery waiting in deferred.Concat(behind))
            {
                _deliveries.Enqueue(waiting);
            }
        }
    }

    [LoggerMessage(EventId = 6101, Message = "Script {EntityId}: {Text}")]
    private static partial void LogScript(ILogger logger, LogLevel level, string entityId, string text);

    private sealed record Delivery(string From, string Target, string Method, ScriptValue[] Arguments, string? ReplyTo, long CallId);

    private sealed record PendingTimer(long DueTick, string EntityId, long TimerId, long RepeatTicks) : IComparable<PendingTimer>
    {
        public int CompareTo(PendingTimer? other) => other is null ? 1
            : DueTick != other.DueTick ? DueTick.CompareTo(other.DueTick)
            : string.CompareOrdinal(EntityId, other.EntityId) is var byEntity and not 0 ? byEntity
            : TimerId.CompareTo(other.TimerId);
    }
}
