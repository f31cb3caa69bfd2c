using Akka.Actor;
using Microsoft.Extensions.Logging;
using WasGo.Actors.Entities;
using WasGo.Actors.Logging;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Actors.Worlds;

/// <summary>
/// Runs a <see cref="World"/> at its tick rate. Spawns, calls and despawns wait for the next tick
/// boundary and are applied there in arrival order; each tick's inputs are appended to the world's
/// journal before they are applied, so that on start the world replays them to the same state.
/// Replies go out after the tick; <see cref="WorldTicked"/> is published for followers. Each entity
/// is an actor of its own, a child of this one (<see cref="EntityActorRunner"/>): a tick's phases
/// run on them in parallel, and the world merges what they did in entity id order.
/// </summary>
/// <remarks>
/// Two more records keep a replay true to what clients saw: the calls the wall clock stopped in a
/// tick (<see cref="RecordedTimeouts"/>), written before the tick's answers go out, and the tick to
/// resume at (<see cref="RecordedProgress"/>), written ahead of the clock so that it never goes back
/// across a crash.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's resources are freed in PostStop, which the runtime always calls.")]
public sealed partial class WorldActor : ReceiveActor, IWithTimers, IWithStash
{
    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    private ILogger Log { get; } = Context.System.LoggerFactory().CreateLogger<WorldActor>();

    private static readonly TimeSpan s_retryRecovery = TimeSpan.FromSeconds(1);

    /// <summary>How many identified inputs' answers a world keeps: a repeat older than that takes effect again.</summary>
    public const int AnsweredCapacity = 4096;

    private readonly WorldOptions _options;
    private readonly ScriptRuntime _runtime;
    private readonly IPersistenceProvider _persistence;
    private readonly string _journalId;
    private readonly Dictionary<string, Module> _modules = new(StringComparer.Ordinal);
    private readonly List<PendingInput> _pending = [];
    private readonly AnsweredInputs _answered = new(AnsweredCapacity);
    private readonly EntityActorRunner _entities;
    private World? _world;
    private bool _journalUnreachable;
    private long _recordedTicks;
    private long _progressRecorded;

    /// <summary>Initializes the actor of one world.</summary>
    /// <param name="options">The world's settings (its id names its journal).</param>
    /// <param name="runtime">The script runtime.</param>
    /// <param name="persistence">Where modules are found and inputs are recorded.</param>
    public WorldActor(WorldOptions options, ScriptRuntime runtime, IPersistenceProvider persistence)
    {
        _options = options;
        _runtime = runtime;
        _persistence = persistence;
        _journalId = $"world/{options.WorldId}/inputs";
        _entities = new EntityActorRunner(Context);
        ReceiveAsync<object>(OnMessageAsync);
    }

    /// <inheritdoc />
    protected override void PreStart() => Self.Tell(Recover.Instance);

    /// <inheritdoc />
    protected override void PostStop() => _world?.Dispose();

    // Every await here is ConfigureAwait(true): Akka runs the continuation on the actor's own task
    // scheduler, with its Context, Self and Sender; ConfigureAwait(false) would lose them.
    private async Task OnMessageAsync(object message)
    {
        if (_world is null)
        {
            // Until the world is recovered every message waits in arrival order; only Recover (sent at
            // start, then by the retry timer) reads the journal, so an outage is not read once per message.
            if (message is not Recover)
            {
                Stash.Stash();
            }
            else if (await TryRecoverAsync().ConfigureAwait(true))
            {
                StartTicking();
                Stash.UnstashAll();
            }

            return;
        }

        string? id = null;
        if (message is IdempotentInput keyed)
        {
            if (_answered.TryGet(keyed.Key, out CallResult answer))
            {
                Reply(Sender, answer);
                return;
            }

            if (_pending.Exists(p => p.Key == keyed.Key))
            {
                _pending.Add(new PendingInput(null, Sender, keyed.Key)); // answered with its first copy
                return;
            }

            (id, message) = (keyed.Key, keyed.Input);
        }

        switch (message)
        {
            case Recover:
                break;
            case WorldSpawn spawn:
                ModuleTag? tag = await _persistence.Modules.ResolveAsync(spawn.ModuleName).ConfigureAwait(true);
                string? problem = tag is null ? $"Module '{spawn.ModuleName}' is not deployed." : await LoadModuleAsync(tag.Hash).ConfigureAwait(true);
                if (problem is not null)
                {
                    Sender.Tell(CallResult.Failure(ScriptErrorCode.Unavailable, problem));
                    break;
                }

                _pending.Add(new PendingInput(new SpawnInput(spawn.EntityId, tag!.Hash), Sender, id));
                break;
            case WorldCall call:
                _pending.Add(new PendingInput(new CallInput(call.EntityId, call.Method, call.Arguments), Sender, id));
                break;
            case WorldSetTickRate rate:
                _pending.Add(new PendingInput(new SetTickRateInput(rate.TickRate), Sender, id));
                break;
            case WorldDespawn despawn:
                _pending.Add(new PendingInput(new DespawnInput(despawn.EntityId), Sender, id));
                break;
            case TickNow:
                await TickAsync().ConfigureAwait(true);
                break;
            case CheckpointWorld:
                // Sent as the host stops: the world stands still from here, so that a restart resumes at
                // exactly this tick rather than at one recorded ahead of a clock that ran on.
                Timers.Cancel("tick");
                await CheckpointAsync().ConfigureAwait(true);
                Sender.Tell(new WorldCheckpointed(_world!.Tick, Convert.ToHexStringLower(_world.Digest())));
                break;
            case GetWorldStatus:
                World world = _world!;
                Sender.Tell(new WorldStatus(
                    _options.WorldId,
                    world.Tick,
                    Convert.ToHexStringLower(world.Digest()),
                    world.EntityIds.ToDictionary(id => id, id => world.StateOf(id)!, StringComparer.Ordinal),
                    world.TickRate));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private async Task TickAsync()
    {
        World world = _world!;
        PendingInput[] applying = [.. _pending.Where(p => p.Input is not null)];
        PendingInput[] repeats = [.. _pending.Where(p => p.Input is null)];
        _pending.Clear();
        WorldInput[] inputs = [.. applying.Select(p => p.Input!)];
        string?[]? ids = applying.Any(p => p.Key is not null) ? [.. applying.Select(p => p.Key)] : null;
        var records = new List<(byte[] Payload, string Manifest)>(2);
        if (world.Tick + 1 > _progressRecorded)
        {
            // The clock is about to pass the tick a restart resumes at: move that tick ahead first.
            long ahead = Math.Max(1, (long)Math.Ceiling(_options.ProgressInterval.TotalSeconds * world.TickRate));
            records.Add((new RecordedProgress(world.Tick + ahead).Encode(), RecordedProgress.Manifest));
        }

        if (inputs.Length > 0)
        {
            // Recorded before they are applied: what the world did is always replayable.
            records.Add((new RecordedTick(world.Tick + 1, inputs, ids).Encode(), RecordedTick.Manifest));
        }

        if (!await TryRecordAsync(records).ConfigureAwait(true))
        {
            // Nothing is applied that is not recorded: the world stands still, its inputs wait, and
            // the next tick tries again.
            _pending.InsertRange(0, [.. applying, .. repeats]);
            return;
        }

        double rate = world.TickRate;
        TickResult result = await world.StepAsync(inputs).ConfigureAwait(true);
        _entities.Retain(world.EntityIds);
        if (world.TickRate != rate)
        {
            StartTicking();
        }

        if (result.TimedOutCalls.Count > 0)
        {
            // The wall clock decided these; a replay must not decide again, so they are recorded
            // before anyone is told. If the journal is away now, the world stops rather than answer
            // what a replay would not reproduce; its owner starts it again from the journal.
            if (!await TryRecordAsync([(new RecordedTimeouts(result.Tick, result.TimedOutCalls).Encode(), RecordedTimeouts.Manifest)]).ConfigureAwait(true))
            {
                throw new InvalidOperationException($"World {_options.WorldId} could not record the calls the wall clock stopped in tick {result.Tick}; it restarts from its journal.");
            }
        }

        _answered.AddAll(ids, result.InputResults);
        for (int i = 0; i < applying.Length; i++)
        {
            Reply(applying[i].Sender, result.InputResults[i]);
        }

        foreach (PendingInput repeat in repeats)
        {
            Reply(repeat.Sender, result.InputResults[Array.FindIndex(applying, p => p.Key == repeat.Key)]);
        }

        if (inputs.Length > 0 || result.Signals.Count > 0 || result.GivenUp.Count > 0)
        {
            Context.System.EventStream.Publish(new WorldTicked(_options.WorldId, result.Tick, result.DigestHex, result.Signals, GivenUp: result.GivenUp));
        }
    }

    private void Reply(IActorRef sender, CallResult result)
    {
        if (!ReferenceEquals(sender, Context.System.DeadLetters))
        {
            sender.Tell(result, Self);
        }
    }

    /// <summary>
    /// Appends records to the journal in one write, numbered after the last.
    /// </summary>
    /// <returns>Whether they were written; false while the journal is unreachable (logged once per outage).</returns>
    /// <exception cref="JournalSequenceException">Another owner has written the world's journal since (a node that lost the world).</exception>
    private async Task<bool> TryRecordAsync(List<(byte[] Payload, string Manifest)> records)
    {
        if (records.Count == 0)
        {
            return true;
        }

        JournalEvent[] events = [.. records.Select((r, i) => new JournalEvent(_recordedTicks + 1 + i, r.Payload, r.Manifest))];
        try
        {
            await _persistence.Journal.AppendAsync(_journalId, events).ConfigureAwait(true);
        }
        catch (Exception e) when (e is not JournalSequenceException)
        {
            ReportJournal(reachable: false, e.GetType().Name + ": " + e.Message);
            return false;
        }

        ReportJournal(reachable: true, null);
        _recordedTicks += events.Length;
        if (events.LastOrDefault(e => e.Manifest == RecordedProgress.Manifest) is { } progress)
        {
            _progressRecorded = RecordedProgress.Decode(progress.Payload.Span).Tick;
        }

        return true;
    }

    /// <summary>Records the current tick as the one a restart resumes at, so that a clean stop resumes exactly there.</summary>
    private async Task CheckpointAsync()
    {
        long tick = _world!.Tick;
        if (tick != _progressRecorded && !await TryRecordAsync([(new RecordedProgress(tick).Encode(), RecordedProgress.Manifest)]).ConfigureAwait(true))
        {
            throw new InvalidOperationException($"World {_options.WorldId} could not record its tick {tick}: its journal is unreachable.");
        }
    }

    /// <returns>Whether the world is recovered; if the journal could not be read, a retry comes in a second.</returns>
    /// <exception cref="FormatException">The journal holds a record that is not one: no retry reads it better, so the world fails, and its owner decides (restarts it with back-off).</exception>
    private async Task<bool> TryRecoverAsync()
    {
        try
        {
            await RecoverAsync().ConfigureAwait(true);
            ReportJournal(reachable: true, null);
            return true;
        }
        catch (Exception e) when (e is not (JournalSequenceException or FormatException))
        {
            ReportJournal(reachable: false, e.GetType().Name + ": " + e.Message);
            Timers.StartSingleTimer("recover", Recover.Instance, s_retryRecovery);
            return false;
        }
    }

    /// <summary>Logs the start and the end of a journal outage, once each.</summary>
    private void ReportJournal(bool reachable, string? reason)
    {
        if (reachable == !_journalUnreachable)
        {
            return;
        }

        _journalUnreachable = !reachable;
        if (reachable)
        {
            LogJournalBack(Log, _options.WorldId);
        }
        else
        {
            LogJournalUnreachable(Log, _options.WorldId, reason!);
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "World {WorldId} cannot reach its journal ({Reason}); it stands still, keeps its inputs, and tries again")]
    private static partial void LogJournalUnreachable(ILogger logger, string worldId, string reason);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "World {WorldId} reaches its journal again and goes on")]
    private static partial void LogJournalBack(ILogger logger, string worldId);

    /// <summary>
    /// Replays the journal: every tick up to the last one recorded (with inputs, or the tick to resume
    /// at, whichever is later), with the wall clock off and the calls it stopped stopped again.
    /// </summary>
    private async Task RecoverAsync()
    {
        var recorded = new List<RecordedTick>();
        var timeouts = new Dictionary<long, IReadOnlyList<TimedOutCall>>();
        long resumeAt = 0;
        await foreach (JournalEvent e in _persistence.Journal.ReplayAsync(_journalId).ConfigureAwait(true))
        {
            switch (e.Manifest)
            {
                case RecordedTimeouts.Manifest:
                    RecordedTimeouts stopped = RecordedTimeouts.Decode(e.Payload.Span);
                    timeouts[stopped.Tick] = stopped.Calls;
                    break;
                case RecordedProgress.Manifest:
                    resumeAt = _progressRecorded = RecordedProgress.Decode(e.Payload.Span).Tick;
                    break;
                case RecordedTick.Manifest:
                    recorded.Add(RecordedTick.Decode(e.Payload.Span));
                    break;
                default:
                    // An earlier format (or another program's record) would replay to other states than the live world had.
                    throw new FormatException($"World {_options.WorldId}'s journal holds a record '{e.Manifest}' (sequence number {e.SequenceNr}) this version does not replay; it expects {RecordedTick.Manifest}, {RecordedTimeouts.Manifest} and {RecordedProgress.Manifest}.");
            }

            _recordedTicks = e.SequenceNr;
        }

        foreach (string hash in recorded.SelectMany(t => t.Inputs).OfType<SpawnInput>().Select(s => s.ModuleHash).Distinct())
        {
            // Every recorded spawn's module loaded when the world took it. One that does not load now
            // (its compile ran past a limit on a busy machine, the store is away) would replay to
            // another state: the world does not recover until it loads.
            if (await LoadModuleAsync(hash).ConfigureAwait(true) is { } problem)
            {
                throw new InvalidOperationException($"World {_options.WorldId} cannot replay a recorded spawn: {problem}");
            }
        }

        // Replayed in full before it becomes the actor's world: a failure leaves no half-replayed world behind.
        // Through the entity actors, as the live world runs: the replay's digests are the live ones.
        var world = new World(_options, _runtime, hash => _modules.GetValueOrDefault(hash), Log, _entities);
        try
        {
            async Task StepToAsync(long tick)
            {
                while (world.Tick + 1 < tick)
                {
                    await world.StepAsync([], timeouts.GetValueOrDefault(world.Tick + 1, [])).ConfigureAwait(true);
                }
            }

            foreach (RecordedTick tick in recorded)
            {
                await StepToAsync(tick.Tick).ConfigureAwait(true);
                _answered.AddAll(tick.IdempotencyKeys, (await world.StepAsync(tick.Inputs, timeouts.GetValueOrDefault(tick.Tick, [])).ConfigureAwait(true)).InputResults);
            }

            await StepToAsync(resumeAt + 1).ConfigureAwait(true);
        }
        catch
        {
            _entities.Clear();
            world.Dispose();
            throw;
        }

        _world = world;
        _entities.Retain(world.EntityIds);

        if (recorded.Count > 0 || resumeAt > 0)
        {
            Context.System.EventStream.Publish(new WorldTicked(_options.WorldId, _world.Tick, Convert.ToHexStringLower(_world.Digest()), [], Recovered: true));
        }
    }

    private async Task<string?> LoadModuleAsync(string hash)
    {
        if (_modules.ContainsKey(hash))
        {
            return null;
        }

        (Module? module, string? problem) = await _runtime.LoadAsync(_persistence.Modules, hash).ConfigureAwait(true);
        if (module is not null)
        {
            _modules[hash] = module;
        }

        return problem;
    }

    /// <summary>Ticks at the world's current rate (the timer of the same key is replaced).</summary>
    private void StartTicking()
    {
        TimeSpan period = TimeSpan.FromSeconds(1 / _world!.TickRate);
        Timers.StartPeriodicTimer("tick", TickNow.Instance, period, period);
    }

    /// <summary>An input waiting for the next tick, and whom to answer; a null input is a repeat of a pending one with the same key.</summary>
    private sealed record PendingInput(WorldInput? Input, IActorRef Sender, string? Key);

    private sealed class Recover
    {
        public static Recover Instance { get; } = new();
    }

    private sealed class TickNow
    {
        public static TickNow Instance { get; } = new();
    }
}
