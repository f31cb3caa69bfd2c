using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// A deterministic simulation of scripted entities. A tick applies the inputs given to it in order,
/// calls <c>_process(delta)</c> on every entity that exports it, fires the timers that are due,
/// delivers the messages entities sent each other in rounds, and ends with a digest of every
/// entity's state. Each of these is a phase of batches, one per entity with that entity's work in
/// order; a runner may run a phase's batches in parallel (entity actors), and the world merges what
/// they did — state changes, messages, signals, timers — in entity id order, so the digest does not
/// depend on which thread ran what. The same module bytes and the same inputs at the same ticks
/// give the same digests on every machine: nothing here reads a clock, a random source or the order
/// of a hash table. The one clock a call may meet, its wall-clock limit, is a backstop whose stops
/// a tick reports (<see cref="TickResult.TimedOutCalls"/>) and a replay repeats.
/// <para>
/// A script's instance memory lasts from call to call, and cannot be saved faithfully (a module's
/// unexported globals, such as an allocator's pointer, are out of reach). So fresh instances are
/// part of the schedule: the step after every tick that is a positive multiple of
/// <see cref="SnapshotInterval"/> begins, before its inputs, with a phase that gives every entity a
/// fresh instance on its state and runs its <c>_ready</c>, merged like any phase, its wall-clock stops
/// recorded with the tick's. A snapshot taken after such a tick (<see cref="CaptureSnapshot"/>) then
/// needs no memory, and a world restored from it (<see cref="Restore"/>) goes on exactly as this one.
/// </para>
/// </summary>
/// <remarks>
/// Budgets keep one entity from taking its world down: messages waiting in the world and sent by
/// one entity, messages one entity receives in a tick, timers, and signal bytes per tick, each counted the
/// same way on every machine (see <see cref="WorldOptions"/>). Not thread-safe: one owner (a world
/// actor, a replay) steps it, and only its runner touches its entities while a phase runs. Its
/// awaits keep the owner's context (<c>ConfigureAwait(true)</c>): an actor's runner makes and
/// tells the actor's children, which only the actor's own context may do.
/// </remarks>
public sealed partial class World : IDisposable
{
    private readonly SortedDictionary<string, ScriptedEntity> _entities = new(StringComparer.Ordinal);
    private readonly Queue<Delivery> _deliveries = new();
    private readonly SortedSet<PendingTimer> _timers = [];
    private readonly WorldOptions _options;
    private readonly EntityOptions _entityOptions;
    private readonly ScriptRuntime _runtime;
    private readonly Func<string, Module?> _modules;
    private readonly ILogger _logger;
    private readonly IEntityBatchRunner _runner;

    // The budgets' counts: undelivered messages by sender; messages received and signal bytes emitted
    // in this tick, by entity and in all. Keyed by id, and never enumerated, so their order cannot matter.
    private readonly Dictionary<string, int> _pendingBySender = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _receivedThisTick = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _signalBytesByEntity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<long>> _timerIds = new(StringComparer.Ordinal);
    private long _signalBytesThisTick;
    private double _tickRate;

    // For a replay, the calls of each entity the wall clock stopped when the tick ran live; null live.
    private Dictionary<string, int[]>? _recordedStops;

    // The world's time at the last change of tick rate, and the tick it changed at: time() moves on
    // smoothly when the rate changes, and is Tick / rate in a world that never changed it.
    private double _timeBase;
    private long _tickBase;

    /// <summary>Initializes an empty world at tick 0.</summary>
    /// <param name="options">The world's settings.</param>
    /// <param name="runtime">The script runtime.</param>
    /// <param name="modules">Finds a compiled module by content hash (null if unknown).</param>
    /// <param name="logger">Where scripts' log lines and traps go.</param>
    /// <param name="runner">Runs each phase's entity batches (entity actors, in parallel); by default one after another on the caller's thread.</param>
    public World(WorldOptions options, ScriptRuntime runtime, Func<string, Module?> modules, ILogger logger, IEntityBatchRunner? runner = null)
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
        _runner = runner ?? SequentialBatchRunner.Instance;
        _tickRate = options.TickRate;
        _entityOptions = new EntityOptions
        {
            WorldId = options.WorldId,
            RandomSeed = options.RandomSeed,
            CallTimeLimit = options.CallTimeLimit,
            FuelPerCall = options.FuelPerCall,
            MaxHostBytesPerCall = options.MaxHostBytesPerCall,
            WorldTime = () => Time,
        };
    }

    /// <summary>Gets the number of ticks completed.</summary>
    public long Tick { get; private set; }

    /// <summary>Gets the world's time in seconds: the sum of its ticks' lengths.</summary>
    public double Time => _timeBase + ((Tick - _tickBase) / _tickRate);

    /// <summary>Gets how many ticks a second the world runs now: its options' rate until a <see cref="SetTickRateInput"/> changes it.</summary>
    public double TickRate => _tickRate;

    /// <summary>Gets the ids of the entities, in the order they are ticked.</summary>
    public IReadOnlyCollection<string> EntityIds => _entities.Keys;

    /// <summary>Gets the script columns of an entity.</summary>
    /// <param name="entityId">The entity.</param>
    /// <returns>Its columns, or <see langword="null"/> if there is no such entity.</returns>
    public IReadOnlyDictionary<string, ScriptValue>? StateOf(string entityId) =>
        _entities.TryGetValue(entityId, out ScriptedEntity? entity) ? entity.Context.State.ScriptColumns() : null;

    /// <summary>Gets the content hash of the module an entity runs.</summary>
    /// <param name="entityId">The entity.</param>
    /// <returns>The module's hash, or <see langword="null"/> if there is no such entity.</returns>
    public string? ModuleOf(string entityId) =>
        _entities.TryGetValue(entityId, out ScriptedEntity? entity) ? entity.ModuleHash : null;

    /// <summary>
    /// Raised for a message an entity sent to an id this world does not have: such messages are
    /// otherwise dropped (a harness records them; a host may route them elsewhere).
    /// </summary>
    public event Action<OutgoingMessage>? Undeliverable;

    /// <summary>
    /// Applies one input now, between ticks, and delivers the messages it causes; time does not move.
    /// For tests and tools; a running world takes inputs through <see cref="StepAsync"/>.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <returns>What the input did.</returns>
    /// <exception cref="InvalidOperationException">The world was restored (<see cref="Restore"/>) and has not stepped since.</exception>
    public TickResult Apply(WorldInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_awaitingRefresh)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"World '{_options.WorldId}' was restored at tick {Tick}, and its entities have no instances until its next step gives them fresh ones; step it before applying an input between ticks."));
        }

        return ApplyAsync(input).GetAwaiter().GetResult();
    }

    /// <summary>Runs one tick, on a world whose runner finishes on the caller's thread (the default, <see cref="SequentialBatchRunner"/>).</summary>
    /// <inheritdoc cref="StepAsync"/>
    public TickResult Step(IReadOnlyList<WorldInput> inputs, IReadOnlyList<TimedOutCall>? timedOutCalls = null) =>
        StepAsync(inputs, timedOutCalls).GetAwaiter().GetResult();

    /// <summary>
    /// Runs one tick: after a tick that is a positive multiple of <see cref="SnapshotInterval"/>, first
    /// a fresh instance and <c>_ready</c> for every entity; then the inputs in order, <c>_process</c>
    /// on every entity that exports it, the timers that are due, then the messages entities sent each
    /// other, in rounds. Each of these is a phase whose entity batches the world's runner may run in
    /// parallel; their results are merged in entity id order.
    /// </summary>
    /// <param name="inputs">The inputs of this tick, in the order to apply them.</param>
    /// <param name="timedOutCalls">
    /// For a replay, the calls the wall clock stopped when the tick ran live (its
    /// <see cref="TickResult.TimedOutCalls"/>): the wall clock is then off and exactly those calls are
    /// stopped again. Null for a live tick, where the wall clock stops any call that runs too long.
    /// </param>
    /// <param name="traces">
    /// For each input, the span its calls' spans go in (<see cref="WorldTracing"/>): the tick's span
    /// in the trace of the request that sent it, or default for an input nobody traces. Null for none.
    /// Traces change nothing the world does.
    /// </param>
    /// <returns>What the tick did.</returns>
    public async Task<TickResult> StepAsync(IReadOnlyList<WorldInput> inputs, IReadOnlyList<TimedOutCall>? timedOutCalls = null, IReadOnlyList<ActivityContext>? traces = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var log = BeginTick(timedOutCalls);
        _receivedThisTick.Clear();
        _signalBytesByEntity.Clear();
        _signalBytesThisTick = 0;
        if (RefreshDue)
        {
            await RefreshInstancesAsync(log).ConfigureAwait(true);
        }

        CallResult[] results = await ApplyInputsAsync(inputs, log, traces).ConfigureAwait(true);

        var process = new List<(ScriptedEntity, IReadOnlyList<EntityWork>)>(_entities.Count);
        EntityWork[] notify = [new EntityWork.Notify("_process", [ScriptValue.FromFloat(1.0 / _tickRate)])]; // the same for every entity, and read only
        foreach (ScriptedEntity entity in _entities.Values)
        {
            if (entity.Exports("_process"))
            {
                process.Add((entity, notify));
            }
        }

        await RunPhaseAsync(process, log, merged: null).ConfigureAwait(true);
        Tick++;
        await FireDueTimersAsync(log).ConfigureAwait(true);
        await DeliverMessagesAsync(log).ConfigureAwait(true);
        return log.End(Tick, Digest(), results);
    }

    /// <summary>Computes the digest of every entity's id and state, in id order.</summary>
    /// <returns>The SHA-256.</returns>
    public byte[] Digest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (ScriptedEntity entity in _entities.Values)
        {
            byte[] id = entity.Context.EntityIdUtf8;
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, id.Length);
            hash.AppendData(length);
            hash.AppendData(id);
            hash.AppendData(entity.Context.State.CurrentDigest());
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

    private async Task<TickResult> ApplyAsync(WorldInput input)
    {
        TickLog log = BeginTick(recorded: null);
        CallResult[] results = await ApplyInputsAsync([input], log).ConfigureAwait(true);
        await DeliverMessagesAsync(log).ConfigureAwait(true);
        return log.End(Tick, Digest(), results);
    }

    private TickLog BeginTick(IReadOnlyList<TimedOutCall>? recorded)
    {
        _recordedStops = recorded?.GroupBy(static c => c.EntityId, StringComparer.Ordinal).ToDictionary(static g => g.Key, static g => g.Select(static c => c.Call).ToArray(), StringComparer.Ordinal);
        foreach (ScriptedEntity entity in _entities.Values)
        {
            BeginTick(entity);
        }

        return new TickLog();
    }

    private void BeginTick(ScriptedEntity entity) =>
        entity.Context.WallClock.BeginTick(_recordedStops is null ? null : _recordedStops.GetValueOrDefault(entity.EntityId, []));

    /// <summary>
    /// Applies the inputs in order. Consecutive calls run as one phase, each entity's in their order;
    /// a spawn, a despawn or a change of rate is a step of its own between them, so a call after the
    /// spawn of its entity finds it.
    /// </summary>
    private async Task<CallResult[]> ApplyInputsAsync(IReadOnlyList<WorldInput> inputs, TickLog log, IReadOnlyList<ActivityContext>? traces = null)
    {
        var results = new CallResult[inputs.Count];
        // Found by hash for each call, put in entity id order once for the phase.
        var calls = new Dictionary<string, (ScriptedEntity Entity, List<EntityWork> Work, List<int> Inputs)>(StringComparer.Ordinal);
        for (int i = 0; i <= inputs.Count; i++)
        {
            WorldInput? input = i < inputs.Count ? inputs[i] : null;
            if (input is CallInput call)
            {
                if (!_entities.TryGetValue(call.EntityId, out ScriptedEntity? target))
                {
                    results[i] = CallResult.Failure(ScriptErrorCode.Unavailable, $"World '{_options.WorldId}' has no entity '{call.EntityId}'.");
                }
                else
                {
                    if (!calls.TryGetValue(call.EntityId, out var batch))
                    {
                        calls.Add(call.EntityId, batch = (target, [], []));
                    }

                    batch.Work.Add(new EntityWork.Call(call.Method, call.Arguments, traces?[i] ?? default));
                    batch.Inputs.Add(i);
                }

                continue;
            }

            if (calls.Count > 0)
            {
                await RunPhaseAsync(
                    [.. calls.OrderBy(static b => b.Key, StringComparer.Ordinal).Select(static b => (b.Value.Entity, b.Value.Work))],
                    log,
                    merged: result =>
                    {
                        List<int> indexes = calls[result.Batch.EntityId].Inputs;
                        for (int j = 0; j < indexes.Count; j++)
                        {
                            results[indexes[j]] = result.Results[j];
                        }
                    }).ConfigureAwait(true);
                calls.Clear();
            }

            if (input is not null)
            {
                results[i] = await ApplyAsync(input, log).ConfigureAwait(true);
            }
        }

        return results;
    }

    private async Task<CallResult> ApplyAsync(WorldInput input, TickLog log)
    {
        switch (input)
        {
            case SpawnInput spawn:
                if (_entities.ContainsKey(spawn.EntityId))
                {
                    return CallResult.Failure(ScriptErrorCode.BadArguments, $"World '{_options.WorldId}' already has an entity '{spawn.EntityId}'.");
                }

                var entity = new ScriptedEntity(spawn.EntityId, spawn.ModuleHash, new StateRow(), _runtime, _entityOptions, _logger);
                BeginTick(entity);
                _entities.Add(spawn.EntityId, entity);
                if (_modules(spawn.ModuleHash) is not { } module)
                {
                    entity.MarkUnavailable(new ScriptError(ScriptErrorCode.Unavailable, $"Module {spawn.ModuleHash} is not deployed."));
                    return new CallResult(ScriptValue.Nil, entity.Unavailable);
                }

                return await RunOneAsync(entity, new EntityWork.Load(module), log).ConfigureAwait(true);
            case DespawnInput despawn:
                if (!_entities.Remove(despawn.EntityId, out ScriptedEntity? leaving))
                {
                    return CallResult.Failure(ScriptErrorCode.Unavailable, $"World '{_options.WorldId}' has no entity '{despawn.EntityId}'.");
                }

                CallResult result = await RunOneAsync(leaving, new EntityWork.Notify("_notification", [ScriptValue.FromInteger(EntityNotification.Predelete)]), log).ConfigureAwait(true);
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

    private async Task<CallResult> RunOneAsync(ScriptedEntity entity, EntityWork work, TickLog log)
    {
        CallResult result = null!;
        await RunPhaseAsync([(entity, [work])], log, merged: r => result = r.Results[0]).ConfigureAwait(true);
        return result;
    }

    /// <summary>
    /// Runs one phase: a batch per entity, in entity id order, through the runner (in parallel, it
    /// may be), then merges the results in entity id order. The room left in the world's budgets of
    /// waiting messages and signal bytes is shared equally among the phase's entities, so that what
    /// one may do does not depend on which ran first.
    /// </summary>
    private async Task RunPhaseAsync(List<(ScriptedEntity Entity, IReadOnlyList<EntityWork> Work)> phase, TickLog log, Action<EntityBatchResult>? merged)
    {
        if (phase.Count == 0)
        {
            return;
        }

        int pendingRoom = Math.Max(0, _options.MaxPendingMessages - _deliveries.Count);
        long signalRoom = Math.Max(0, _options.MaxSignalBytesPerTick - _signalBytesThisTick);
        var batches = new EntityBatch[phase.Count];
        for (int i = 0; i < batches.Length; i++)
        {
            (ScriptedEntity entity, IReadOnlyList<EntityWork> work) = phase[i];
            int ownPending = _options.MaxPendingMessagesPerEntity - _pendingBySender.GetValueOrDefault(entity.EntityId);
            long ownSignals = _options.MaxSignalBytesPerEntityPerTick - _signalBytesByEntity.GetValueOrDefault(entity.EntityId);
            batches[i] = new EntityBatch(
                i,
                entity,
                work,
                Math.Max(0, Math.Min(ownPending, (int)Share(pendingRoom, batches.Length, i))),
                Math.Max(0, Math.Min(ownSignals, Share(signalRoom, batches.Length, i))),
                TimerIdsOf(entity.EntityId),
                _options.MaxTimersPerEntity);
        }

        IReadOnlyList<EntityBatchResult> results = await _runner.RunAsync(batches).ConfigureAwait(true);
        if (results.Count != batches.Length)
        {
            throw new InvalidOperationException($"The runner returned {results.Count} results for {batches.Length} batches.");
        }

        // The batches were made in entity id order, so a result's index is its place in the merge.
        var merge = new EntityBatchResult[batches.Length];
        foreach (EntityBatchResult result in results)
        {
            merge[result.Batch.Index] = ReferenceEquals(result.Batch, batches[result.Batch.Index]) && merge[result.Batch.Index] is null
                ? result
                : throw new InvalidOperationException($"The runner returned a result for batch {result.Batch.Index} ({result.Batch.EntityId}) that is not this phase's, or twice.");
        }

        foreach (EntityBatchResult result in merge)
        {
            ScriptedEntity entity = result.Batch.Entity;
            if (result.Batch.Work is [EntityWork.Load] && entity.Unavailable is { Code: ScriptErrorCode.InvalidModule })
            {
                // A module that cannot be instantiated never will be: the spawn is refused, not an entity that fails every call.
                _entities.Remove(entity.EntityId);
                entity.Dispose();
            }
            else
            {
                Route(entity, result.Outgoing, log);
            }

            foreach (string reason in result.GaveUp)
            {
                log.GivenUp.Add((entity.EntityId, reason));
            }

            WallClockOutcomes clock = entity.Context.WallClock;
            foreach (int call in clock.Stopped)
            {
                log.TimedOut.Add(new TimedOutCall(entity.EntityId, call));
            }

            clock.ClearStopped();
            merged?.Invoke(result);
        }
    }

    /// <summary>The <paramref name="index"/>th of <paramref name="count"/> equal shares of <paramref name="room"/>, the first ones one larger when it does not divide.</summary>
    private static long Share(long room, int count, int index) => (room / count) + (index < room % count ? 1 : 0);

    /// <summary>Turns what an entity asked for into deliveries, timers and signals, in the order it asked.</summary>
    private void Route(ScriptedEntity from, List<Outgoing> outgoing, TickLog log)
    {
        foreach (Outgoing item in outgoing)
        {
            switch (item)
            {
                case OutgoingSend send:
                    Enqueue(new Delivery(from.EntityId, send.Target, send.Method, send.Arguments, null, 0));
                    break;
                case OutgoingCall call:
                    Enqueue(new Delivery(from.EntityId, call.Target, call.Method, call.Arguments, from.EntityId, call.CallId));
                    break;
                case OutgoingSignal signal:
                    log.Signals.Add(new EntitySignal(_options.WorldId, from.EntityId, signal.Signal, signal.Arguments));
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
                case OutgoingLog line:
                    LogScript(_logger, (LogLevel)line.Level, from.EntityId, line.Text);
                    break;
            }
        }
    }

    /// <summary>Fires the timers that are due, as one phase: each entity's in the order they fall due.</summary>
    private async Task FireDueTimersAsync(TickLog log)
    {
        var due = new SortedDictionary<string, (ScriptedEntity Entity, List<EntityWork> Work)>(StringComparer.Ordinal);
        while (_timers.Min is { } timer && timer.DueTick <= Tick)
        {
            _timers.Remove(timer);
            if (timer.RepeatTicks > 0)
            {
                _timers.Add(timer with { DueTick = timer.DueTick + timer.RepeatTicks });
            }
            else
            {
                TimerIdsOf(timer.EntityId).Remove(timer.TimerId);
            }

            if (_entities.TryGetValue(timer.EntityId, out ScriptedEntity? entity))
            {
                if (!due.TryGetValue(timer.EntityId, out var batch))
                {
                    due[timer.EntityId] = batch = (entity, []);
                }

                batch.Work.Add(new EntityWork.Notify("_timer", [ScriptValue.FromInteger(timer.TimerId)]));
            }
        }

        await RunPhaseAsync([.. due.Values], log, merged: null).ConfigureAwait(true);
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
    /// Delivers waiting messages in rounds, up to the tick's budgets: the world's, and each
    /// recipient's. A round takes the waiting messages first-in first-out, each recipient's in their
    /// order after the replies it is owed from the round before; what a round sends waits for the
    /// next. A message to a recipient that has had its share of this tick waits, in order, for the
    /// next ticks, so an entity that messages itself cannot take a whole tick.
    /// </summary>
    private async Task DeliverMessagesAsync(TickLog log)
    {
        int delivered = 0;
        var replies = new List<(string Caller, EntityWork.Reply Reply)>();
        while (true)
        {
            var round = new SortedDictionary<string, (ScriptedEntity Entity, List<EntityWork> Work, List<Delivery?> Deliveries)>(StringComparer.Ordinal);
            foreach ((string caller, EntityWork.Reply reply) in replies)
            {
                if (_entities.TryGetValue(caller, out ScriptedEntity? waiting))
                {
                    Add(round, waiting, reply, null);
                }
            }

            replies.Clear();
            List<Delivery>? deferred = null;
            while (delivered < _options.MaxMessagesPerTick && _deliveries.TryDequeue(out Delivery? delivery))
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

                if (_entities.TryGetValue(delivery.Target, out ScriptedEntity? target))
                {
                    Add(round, target, new EntityWork.Call(delivery.Method, delivery.Arguments), delivery);
                }
                else
                {
                    Undeliverable?.Invoke(new OutgoingMessage(delivery.From, delivery.Target, delivery.Method, delivery.Arguments));
                    if (delivery.ReplyTo is { } caller)
                    {
                        replies.Add((caller, new EntityWork.Reply(delivery.CallId, CallResult.Failure(ScriptErrorCode.Unavailable, $"World '{_options.WorldId}' has no entity '{delivery.Target}'."))));
                    }
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

            if (round.Count == 0)
            {
                if (replies.Count == 0)
                {
                    return;
                }

                continue; // only replies to messages for no one: they run in the next round
            }

            await RunPhaseAsync(
                [.. round.Values.Select(static b => (b.Entity, b.Work))],
                log,
                merged: result =>
                {
                    List<Delivery?> deliveries = round[result.Batch.EntityId].Deliveries;
                    for (int j = 0; j < deliveries.Count; j++)
                    {
                        if (deliveries[j]?.ReplyTo is { } caller)
                        {
                            replies.Add((caller, new EntityWork.Reply(deliveries[j]!.CallId, result.Results[j])));
                        }
                    }
                }).ConfigureAwait(true);
        }

        static void Add(SortedDictionary<string, (ScriptedEntity Entity, List<EntityWork> Work, List<Delivery?> Deliveries)> round, ScriptedEntity entity, EntityWork work, Delivery? delivery)
        {
            if (!round.TryGetValue(entity.EntityId, out var batch))
            {
                round[entity.EntityId] = batch = (entity, [], []);
            }

            batch.Work.Add(work);
            batch.Deliveries.Add(delivery);
        }
    }

    /// <summary>What a tick did so far: its signals, give-ups and wall-clock stops, in merge order.</summary>
    private sealed class TickLog
    {
        public List<EntitySignal> Signals { get; } = [];

        public List<(string EntityId, string Reason)> GivenUp { get; } = [];

        public List<TimedOutCall> TimedOut { get; } = [];

        public TickResult End(long tick, byte[] digest, CallResult[] results) =>
            new(tick, digest, results, Signals, GivenUp, [.. TimedOut.OrderBy(static c => c.EntityId, StringComparer.Ordinal).ThenBy(static c => c.Call)]);
    }

    [LoggerMessage(EventId = 6101, Message = "Script {EntityId}: {Text}")]
    private static partial void LogScript(ILogger logger, LogLevel level, string entityId, string text);
}
