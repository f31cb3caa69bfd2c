using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using WasGo.Actors.Entities;
using WasGo.Actors.Logging;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Actors.Worlds;

/// <summary>
/// Runs a <see cref="World"/> at its tick rate, as an Akka.Persistence actor: spawns, calls and
/// despawns wait for the next tick boundary and are applied there in arrival order; each tick's
/// inputs are persisted (with their idempotency keys) before they are applied, so that on start the
/// world replays them to the same state. Replies go out after the tick; <see cref="WorldTicked"/> is
/// published for followers. Each entity is an actor of its own, a child of this one
/// (<see cref="EntityActorRunner"/>): a tick's phases run on them in parallel, and the world merges
/// what they did in entity id order.
/// </summary>
/// <remarks>
/// <para>
/// Two more events keep a replay true to what clients saw: the calls the wall clock stopped in a
/// tick (<see cref="RecordedTimeouts"/>), persisted before the tick's answers go out, and the tick
/// to resume at (<see cref="RecordedProgress"/>), persisted ahead of the clock so that it never goes
/// back across a crash. Every <see cref="World.SnapshotInterval"/> ticks it saves a snapshot
/// (<see cref="WorldActorSnapshot"/>), so that recovery replays only the events after the newest one.
/// </para>
/// <para>
/// The journal fences the world: another incarnation (a node that lost the world and still ticks)
/// fails to persist a sequence number the new owner has written, and Akka stops it before it
/// answers anything. A world whose journal is away stops the same way, after answering what it
/// held with <see cref="ScriptErrorCode.Unavailable"/>; its parent starts it again, from the journal.
/// Either way the world notes why for its parent first (<see cref="WorldFailureNote"/>).
/// </para>
/// </remarks>
public sealed partial class WorldActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>How many answers to inputs with idempotency keys a world keeps: a repeat older than that takes effect again.</summary>
    public const int AnsweredCapacity = 4096;

    private readonly WorldOptions _options;
    private readonly ScriptRuntime _runtime;
    private readonly IModuleStore _moduleStore;
    private readonly Dictionary<string, Module> _modules = new(StringComparer.Ordinal);
    private readonly List<PendingInput> _pending = [];
    private readonly AnsweredInputs _answered = new(AnsweredCapacity);
    private readonly EntityActorRunner _entities;
    private readonly Recovered _recovered = new();
    private readonly WorldFailureNote? _failureNote;
    private readonly InputFeedWindow _feedWindow = new();
    private readonly HashSet<IActorRef> _inputFollowers = [];
    private readonly InputFeedSettings _feedSettings;
    private World? _world;
    private TickStep? _stepping;
    private long _progressRecorded;
    private readonly System.Diagnostics.Stopwatch _tickClock = new();
    private long _ticksAtClockStart;

    /// <summary>Initializes the actor of one world.</summary>
    /// <param name="options">The world's settings (its id names its journal).</param>
    /// <param name="runtime">The script runtime.</param>
    /// <param name="modules">Where deployed modules are found.</param>
    /// <param name="failureNote">Where the world notes a journal failure it stops for, for its parent; null if nobody asks.</param>
    public WorldActor(WorldOptions options, ScriptRuntime runtime, IModuleStore modules, WorldFailureNote? failureNote = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _runtime = runtime;
        _moduleStore = modules;
        _failureNote = failureNote;
        PersistenceId = PersistenceIdOf(options.WorldId);
        _feedSettings = InputFeedSettings.Of(options, runtime.Options);
        _entities = new EntityActorRunner(Context);

        // Recovery handlers only collect; the world is rebuilt through the entity actors once the journal is read.
        Recover<SnapshotOffer>(OnSnapshotOffer);
        Recover<RecordedTick>(_recovered.Ticks.Add);
        Recover<RecordedTimeouts>(stopped => _recovered.Timeouts[stopped.Tick] = stopped.Calls);
        Recover<RecordedProgress>(progress => _progressRecorded = _recovered.ResumeAt = progress.Tick);
        Recover<RecoveryCompleted>(_ => RunTask(RebuildAsync));

        Command<IdempotentInput>(keyed => OnKeyed(keyed, default));
        Command<TracedInput>(traced =>
        {
            if (traced.Input is IdempotentInput keyed)
            {
                OnKeyed(keyed, traced.Trace);
            }
            else
            {
                TakeInput(traced.Input, null, traced.Trace);
            }
        });
        Command<WorldSpawn>(spawn => TakeInput(spawn, null, default));
        Command<WorldCall>(call => TakeInput(call, null, default));
        Command<WorldSetTickRate>(rate => TakeInput(rate, null, default));
        Command<WorldDespawn>(despawn => TakeInput(despawn, null, default));
        Command<TickNow>(_ => OnTick());
        Command<CheckpointWorld>(_ => OnCheckpoint());
        Command<GetWorldStatus>(_ => Sender.Tell(Status()));
        Command<FollowWorldInputs>(OnFollowInputs);
        Command<GetWorldInputWindow>(_ => Sender.Tell(InputFeedStartNow(from: null)));
        Command<GetWorldModules>(_ => Sender.Tell(new WorldModules([.. _modules.Keys.Order(StringComparer.Ordinal)])));
        Command<Terminated>(gone => _inputFollowers.Remove(gone.ActorRef));
        Command<SaveSnapshotSuccess>(saved => DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failed => LogSnapshotFailed(Logger, _options.WorldId, failed.Metadata.SequenceNr, failed.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed => LogSnapshotFailed(Logger, _options.WorldId, failed.Criteria.MaxSequenceNr, failed.Cause.Message));
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private ILogger Logger { get; } = Context.System.LoggerFactory().CreateLogger<WorldActor>();

    /// <summary>Gets the persistence id of a world's journal.</summary>
    /// <param name="worldId">The world.</param>
    /// <returns>Its persistence id.</returns>
    public static string PersistenceIdOf(string worldId) => "world-" + worldId;

    /// <inheritdoc />
    protected override void PostStop()
    {
        _world?.Dispose();
        base.PostStop();
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        bool fenced = JournalConflicts.IsSequenceConflict(cause);
        if (fenced)
        {
            LogFenced(Logger, _options.WorldId, sequenceNr);
        }
        else
        {
            LogJournalUnreachable(Logger, _options.WorldId, cause.GetType().Name + ": " + cause.Message);
        }

        // Nothing was applied: what waited is answered, so that its senders retry (with their keys) rather than wait.
        var unavailable = new Status.Failure(new WorldUnavailableException($"World '{_options.WorldId}' could not record its inputs and starts again from its journal; nothing was applied. Try again in a moment.", TimeSpan.FromSeconds(1)));
        foreach (PendingInput held in (_stepping?.All ?? []).Concat(_pending))
        {
            if (!ReferenceEquals(held.Sender, Context.System.DeadLetters))
            {
                held.Sender.Tell(unavailable, Self);
            }
        }

        _failureNote?.Note(new WorldFailed(_options.WorldId, fenced, cause));
    }

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        LogRecoveryFailed(Logger, _options.WorldId, reason.GetType().Name + ": " + reason.Message);
        _failureNote?.Note(new WorldFailed(_options.WorldId, Fenced: false, reason));
    }

    private void OnKeyed(IdempotentInput keyed, ActivityContext trace)
    {
        if (_answered.TryGet(keyed.Key, out CallResult answer))
        {
            Reply(Sender, answer);
            return;
        }

        // A tick's inputs are answered before the actor takes its next message (the step runs with the
        // mailbox suspended), so a copy is either answered already or waits with the pending ones.
        if (_pending.Exists(p => p.Key == keyed.Key))
        {
            _pending.Add(new PendingInput(null, Sender, keyed.Key, default)); // answered with its first copy
            return;
        }

        TakeInput(keyed.Input, keyed.Key, trace);
    }

    /// <summary>Takes an input for the next tick, with the key it is kept under (null for none) and the span of the request that sent it (default for none).</summary>
    private void TakeInput(object input, string? key, ActivityContext trace)
    {
        switch (input)
        {
            case WorldSpawn spawn:
                RunTask(() => TakeSpawnAsync(spawn, key, trace));
                break;
            case WorldCall call:
                Take(new CallInput(call.EntityId, call.Method, call.Arguments), key, trace);
                break;
            case WorldSetTickRate rate:
                Take(new SetTickRateInput(rate.TickRate), key, trace);
                break;
            case WorldDespawn despawn:
                Take(new DespawnInput(despawn.EntityId), key, trace);
                break;
            default:
                Sender.Tell(new Status.Failure(new ArgumentException($"A world's input is a spawn, a call, a despawn or a tick rate (keyed or traced), not a {input.GetType().Name}.")));
                break;
        }
    }

    private void Take(WorldInput input, string? key, ActivityContext trace) => _pending.Add(new PendingInput(input, Sender, key, trace));

    private async Task TakeSpawnAsync(WorldSpawn spawn, string? key, ActivityContext trace)
    {
        ModuleTag? tag = await _moduleStore.ResolveAsync(spawn.ModuleName).ConfigureAwait(true);
        string? problem = tag is null ? $"Module '{spawn.ModuleName}' is not deployed." : await LoadModuleAsync(tag.Hash).ConfigureAwait(true);
        if (problem is not null)
        {
            Sender.Tell(CallResult.Failure(ScriptErrorCode.Unavailable, problem));
            return;
        }

        Take(new SpawnInput(spawn.EntityId, tag!.Hash), key, trace);
    }

    private void OnTick()
    {
        if (!_tickClock.IsRunning || TicksDue() <= 0)
        {
            return; // checkpointed (ticking no more), or the timer fired early, or a step that ended behind ran this tick already
        }

        World world = _world!;
        var step = new TickStep([.. _pending.Where(p => p.Input is not null)], [.. _pending.Where(p => p.Input is null)]);
        _pending.Clear();
        var events = new List<object>(2);
        if (world.Tick + 1 > _progressRecorded)
        {
            // The clock is about to pass the tick a restart resumes at: move that tick ahead first.
            long ahead = Math.Max(1, (long)Math.Ceiling(_options.ProgressInterval.TotalSeconds * world.TickRate));
            events.Add(new RecordedProgress(world.Tick + ahead));
        }

        if (step.Inputs.Length > 0)
        {
            // Persisted before they are applied: what the world did is always replayable.
            events.Add(new RecordedTick(world.Tick + 1, step.Inputs, step.Keys));
        }

        _stepping = step;
        if (events.Count == 0)
        {
            RunTask(() => StepAsync(step));
            return;
        }

        object last = events[^1];
        PersistAll(events, e =>
        {
            if (e is RecordedProgress progress)
            {
                _progressRecorded = progress.Tick;
            }

            if (ReferenceEquals(e, last))
            {
                RunTask(() => StepAsync(step));
            }
        });
    }

    // Every await here is ConfigureAwait(true): Akka runs the continuation on the actor's own task
    // scheduler, with its Context, Self and Sender; ConfigureAwait(false) would lose them.
    private async Task StepAsync(TickStep step)
    {
        World world = _world!;
        double rate = world.TickRate;
        TickResult result;
        using (var spans = TickSpans.Start(_options.WorldId, world.Tick + 1, step.Traces))
        {
            result = await world.StepAsync(step.Inputs, traces: spans.Traces).ConfigureAwait(true);
        }

        _entities.Retain(world.EntityIds);
        if (world.TickRate != rate)
        {
            StartTicking();
        }

        if (result.TimedOutCalls.Count == 0)
        {
            Answer(step, result);
            return;
        }

        // The wall clock decided these; a replay must not decide again, so they are persisted before
        // anyone is told. If the journal is away now, the world stops before answering.
        Persist(new RecordedTimeouts(result.Tick, result.TimedOutCalls), _ => Answer(step, result));
    }

    private void Answer(TickStep step, TickResult result)
    {
        _stepping = null;
        _answered.AddAll(step.Keys, result.InputResults);
        var ticked = new InputFeedTick(result.Tick, step.Inputs, result.TimedOutCalls, result.Digest);
        _feedWindow.Record(ticked);
        if (_inputFollowers.Count > 0)
        {
            var frame = new WorldInputFrame(ticked.Encode());
            foreach (IActorRef follower in _inputFollowers)
            {
                follower.Tell(frame, Self);
            }
        }

        if (result.Tick % World.SnapshotInterval == 0)
        {
            // After every event of the tick and its answers: recovery from it replays only what follows.
            WorldSnapshot snapshot = _world!.CaptureSnapshot();
            SaveSnapshot(new WorldActorSnapshot(snapshot, _progressRecorded, _answered.ToList()));
            _feedWindow.Rebase(snapshot);
        }

        for (int i = 0; i < step.Applying.Length; i++)
        {
            Reply(step.Applying[i].Sender, result.InputResults[i]);
        }

        foreach (PendingInput repeat in step.Repeats)
        {
            Reply(repeat.Sender, result.InputResults[Array.FindIndex(step.Applying, p => p.Key == repeat.Key)]);
        }

        if (step.Inputs.Length > 0 || result.Signals.Count > 0 || result.GivenUp.Count > 0)
        {
            Context.System.EventStream.Publish(new WorldTicked(_options.WorldId, result.Tick, result.DigestHex, result.Signals, GivenUp: result.GivenUp));
        }

        if (_tickClock.IsRunning && TicksDue() > 0)
        {
            Self.Tell(TickNow.Instance); // behind the world's rate: the next tick now, after what waits in the mailbox
        }
    }

    private void Reply(IActorRef sender, CallResult result)
    {
        if (!ReferenceEquals(sender, Context.System.DeadLetters))
        {
            sender.Tell(result, Self);
        }
    }

    /// <summary>Records the current tick as the one a restart resumes at, so that a clean stop resumes exactly there; the world ticks no more.</summary>
    private void OnCheckpoint()
    {
        Timers.Cancel("tick");
        _tickClock.Reset();
        World world = _world!;
        var done = new WorldCheckpointed(world.Tick, Convert.ToHexStringLower(world.Digest()));
        if (world.Tick == _progressRecorded)
        {
            Sender.Tell(done);
            return;
        }

        IActorRef asker = Sender;
        Persist(new RecordedProgress(world.Tick), progress =>
        {
            _progressRecorded = progress.Tick;
            asker.Tell(done);
        });
    }

    /// <summary>Sends the feed's start to the sender, then every tick until it stops.</summary>
    private void OnFollowInputs(FollowWorldInputs follow)
    {
        Sender.Tell(InputFeedStartNow(follow.From));
        if (_inputFollowers.Add(Sender))
        {
            Context.Watch(Sender);
        }
    }

    private WorldInputFrame InputFeedStartNow(long? from)
    {
        World world = _world!;
        return new WorldInputFrame(_feedWindow.StartAt(_feedSettings, world.Tick, world.Digest(), from).Encode());
    }

    private WorldStatus Status()
    {
        World world = _world!;
        return new WorldStatus(
            _options.WorldId,
            world.Tick,
            Convert.ToHexStringLower(world.Digest()),
            world.EntityIds.ToDictionary(id => id, id => world.StateOf(id)!, StringComparer.Ordinal),
            world.TickRate,
            world.EntityIds.ToDictionary(id => id, id => world.ModuleOf(id)!, StringComparer.Ordinal));
    }

    /// <summary>
    /// Replays what the journal held: every tick up to the last one recorded (with inputs, or the
    /// tick to resume at, whichever is later), with the wall clock off and the calls it stopped
    /// stopped again; then the world starts ticking.
    /// </summary>
    /// <exception cref="InvalidOperationException">A recorded spawn's module does not load: no retry on this node reads it better, so the world fails and its parent decides.</exception>
    private async Task RebuildAsync()
    {
        WorldSnapshot? snapshot = _recovered.Snapshot?.World;
        IEnumerable<string> spawned = _recovered.Ticks.SelectMany(t => t.Inputs).OfType<SpawnInput>().Select(s => s.ModuleHash);
        foreach (string hash in spawned.Concat(snapshot?.ModuleHashes ?? []).Distinct())
        {
            // Every recorded spawn's module loaded when the world took it. One that does not load now
            // would replay to another state: the world does not recover until it loads.
            if (await LoadModuleAsync(hash).ConfigureAwait(true) is { } problem)
            {
                throw new InvalidOperationException($"World {_options.WorldId} cannot replay a recorded spawn: {problem}");
            }
        }

        // Replayed in full before it becomes the actor's world: a failure leaves no half-replayed world behind.
        // Through the entity actors, as the live world runs: the replay's digests are the live ones.
        Func<string, Module?> modules = hash => _modules.GetValueOrDefault(hash);
        World world = snapshot is null
            ? new World(_options, _runtime, modules, Logger, _entities)
            : World.Restore(snapshot, _options, _runtime, modules, Logger, _entities);
        try
        {
            foreach (RecordedTick tick in _recovered.Ticks)
            {
                await StepEmptyToAsync(world, tick.Tick).ConfigureAwait(true);
                TickResult result = await world.StepAsync(tick.Inputs, _recovered.Timeouts.GetValueOrDefault(tick.Tick, [])).ConfigureAwait(true);
                _answered.AddAll(tick.IdempotencyKeys, result.InputResults);
            }

            await StepEmptyToAsync(world, _recovered.ResumeAt + 1).ConfigureAwait(true);
        }
        catch
        {
            _entities.Clear();
            world.Dispose();
            throw;
        }

        _world = world;
        _entities.Retain(world.EntityIds);
        _feedWindow.Begin(snapshot);
        Dictionary<long, RecordedTick> inputsByTick = _recovered.Ticks.ToDictionary(t => t.Tick);
        foreach (long tick in inputsByTick.Keys.Union(_recovered.Timeouts.Keys).Order())
        {
            _feedWindow.Record(new InputFeedTick(tick, inputsByTick.GetValueOrDefault(tick)?.Inputs ?? [], _recovered.Timeouts.GetValueOrDefault(tick, []), null));
        }

        if (snapshot is not null || _recovered.Ticks.Count > 0 || _recovered.ResumeAt > 0)
        {
            Context.System.EventStream.Publish(new WorldTicked(_options.WorldId, world.Tick, Convert.ToHexStringLower(world.Digest()), [], Recovered: true));
        }

        _recovered.Clear();
        StartTicking();
    }

    private void OnSnapshotOffer(SnapshotOffer offer)
    {
        var snapshot = (WorldActorSnapshot)offer.Snapshot;
        _recovered.Snapshot = snapshot;
        _progressRecorded = _recovered.ResumeAt = snapshot.ResumeAt;
        foreach ((string key, CallResult answer) in snapshot.Answered)
        {
            _answered.Add(key, answer);
        }
    }

    /// <summary>Steps the ticks without recorded inputs up to (not including) <paramref name="tick"/>.</summary>
    private async Task StepEmptyToAsync(World world, long tick)
    {
        while (world.Tick + 1 < tick)
        {
            await world.StepAsync([], _recovered.Timeouts.GetValueOrDefault(world.Tick + 1, [])).ConfigureAwait(true);
        }
    }

    private async Task<string?> LoadModuleAsync(string hash)
    {
        if (_modules.ContainsKey(hash))
        {
            return null;
        }

        (Module? module, string? problem) = await _runtime.LoadAsync(_moduleStore, hash).ConfigureAwait(true);
        if (module is not null)
        {
            _modules[hash] = module;
        }

        return problem;
    }

    /// <summary>
    /// Ticks at the world's current rate (the timer of the same key is replaced). Akka's scheduler
    /// fires every 10 ms at best, so a faster world runs the ticks that are due by its own clock:
    /// a step that ends behind it asks for the next one at once (<see cref="TicksDue"/>).
    /// </summary>
    private void StartTicking()
    {
        TimeSpan period = TimeSpan.FromSeconds(1 / _world!.TickRate);
        Timers.StartPeriodicTimer("tick", TickNow.Instance, period, period);
        _ticksAtClockStart = _world.Tick;
        _tickClock.Restart();
    }

    /// <summary>
    /// Gets how many ticks the world is behind its rate since ticking started. A world more than a
    /// tenth of a second behind (a slow step, a pause) takes up its rate from now instead of running
    /// the lost ticks in a burst.
    /// </summary>
    private long TicksDue()
    {
        World world = _world!;
        long due = (long)Math.Floor((_tickClock.Elapsed.TotalSeconds * world.TickRate) + 0.5) - (world.Tick - _ticksAtClockStart);
        if (due > Math.Max(1, world.TickRate / 10))
        {
            _ticksAtClockStart = world.Tick;
            _tickClock.Restart();
            return 1;
        }

        return due;
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "World {WorldId} cannot reach its journal ({Reason}); it answers what it held with 'unavailable' and starts again from its journal")]
    private static partial void LogJournalUnreachable(ILogger logger, string worldId, string reason);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "World {WorldId} found its journal written past sequence number {SequenceNr} by another owner; it stops here without answering, and runs where its shard is")]
    private static partial void LogFenced(ILogger logger, string worldId, long sequenceNr);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Warning, Message = "World {WorldId} could not save or prune its snapshot at sequence number {SequenceNr} ({Reason}); recovery replays from the one before")]
    private static partial void LogSnapshotFailed(ILogger logger, string worldId, long sequenceNr, string reason);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Error, Message = "World {WorldId} could not recover from its journal ({Reason}); its parent starts it again after a pause")]
    private static partial void LogRecoveryFailed(ILogger logger, string worldId, string reason);

    /// <summary>An input waiting for the next tick, whom to answer and the span of the request that sent it; a null input is a repeat of a pending one with the same key.</summary>
    private sealed record PendingInput(WorldInput? Input, IActorRef Sender, string? Key, ActivityContext Trace);

    /// <summary>One tick's inputs as taken at its boundary: those it applies, and repeats of them answered with their first copy.</summary>
    private sealed class TickStep(PendingInput[] applying, PendingInput[] repeats)
    {
        public PendingInput[] Applying { get; } = applying;

        public PendingInput[] Repeats { get; } = repeats;

        public WorldInput[] Inputs { get; } = [.. applying.Select(p => p.Input!)];

        public string?[]? Keys { get; } = applying.Any(p => p.Key is not null) ? [.. applying.Select(p => p.Key)] : null;

        public ActivityContext[] Traces { get; } = [.. applying.Select(p => p.Trace)];

        public IEnumerable<PendingInput> All => Applying.Concat(Repeats);
    }

    /// <summary>What recovery read, kept until the world is rebuilt from it.</summary>
    private sealed class Recovered
    {
        public WorldActorSnapshot? Snapshot { get; set; }

        public List<RecordedTick> Ticks { get; } = [];

        public Dictionary<long, IReadOnlyList<TimedOutCall>> Timeouts { get; } = [];

        public long ResumeAt { get; set; }

        public void Clear()
        {
            Snapshot = null;
            Ticks.Clear();
            Timeouts.Clear();
        }
    }

    private sealed class TickNow
    {
        public static TickNow Instance { get; } = new();
    }
}
