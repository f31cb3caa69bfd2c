using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// One entity's script, whichever thread runs it (its entity actor's, or its world's as it steps
/// entities in order; see <see cref="EntityBatch"/>): the instance on the entity's state, a retry on a fresh instance after a
/// trap, and a give-up after the last retry. What the script asked to send is handed to the host,
/// which decides how to deliver it.
/// </summary>
/// <remarks>Belongs to one host, so to one thread at a time.</remarks>
internal sealed partial class ScriptedEntity : IDisposable
{
    private readonly ScriptRuntime _runtime;
    private readonly ILogger _logger;
    private int _callsSinceInstantiation;
    private long _failures;
    private ScriptInstance? _instance;
    private Module? _module;

    public ScriptedEntity(string entityId, string moduleHash, StateRow state, ScriptRuntime runtime, EntityOptions options, ILogger logger)
    {
        EntityId = entityId;
        ModuleHash = moduleHash;
        _runtime = runtime;
        _logger = logger;
        Context = new ScriptContext(entityId, options.WorldId, state, options.WorldTime, Seed(entityId, options.RandomSeed), options.CallTimeLimit, options.FuelPerCall, options.MaxHostBytesPerCall);
    }

    public string EntityId { get; }

    /// <summary>Gets the content hash of the module the entity was spawned with.</summary>
    public string ModuleHash { get; }

    public ScriptContext Context { get; }

    /// <summary>Gets why the entity cannot run, if it cannot.</summary>
    public ScriptError? Unavailable { get; private set; }

    /// <summary>Gets whether the script exports <paramref name="name"/>.</summary>
    public bool Exports(string name) => _instance?.Exports(name) == true;

    /// <summary>Runs the entity on its module; <c>_ready</c> runs, and what it sent is in <paramref name="outgoing"/>.</summary>
    public void Load(Module module, List<Outgoing> outgoing)
    {
        _module = module;
        Unavailable = null;
        Reinstantiate(outgoing);
    }

    /// <summary>
    /// Takes the entity up where a world snapshot left it, with no instance yet: its world's next step
    /// refreshes it (<see cref="Refresh"/>). <paramref name="module"/> is null only for an entity that
    /// cannot run, which stays so.
    /// </summary>
    public void Resume(Module? module, ScriptError? unavailable)
    {
        _module = module;
        Unavailable = unavailable;
    }

    /// <summary>
    /// Gives the entity a fresh instance on its state and runs <c>_ready</c>, as after a failed call:
    /// its world's refresh every <see cref="World.SnapshotInterval"/> ticks. An entity that cannot run
    /// stays so; what <c>_ready</c> sent is in <paramref name="outgoing"/>.
    /// </summary>
    public void Refresh(List<Outgoing> outgoing)
    {
        if (Unavailable is null)
        {
            Reinstantiate(outgoing);
        }
    }

    public void MarkUnavailable(ScriptError reason)
    {
        Unavailable = reason;
        LogUnavailable(_logger, EntityId, reason.Message);
    }

    /// <summary>
    /// Runs a call, a notification or a reply. A call that fails (a trap, fuel, a limit, the wall
    /// clock) has its changes undone, and the entity goes on on a fresh instance. Only a trap on an
    /// instance that had run other calls is retried, once, on that fresh instance: what those calls
    /// left in its memory may be the cause. Anything else would fail the same way again from the same state — a trap on a
    /// fresh instance, a budget of fuel or host bytes spent — or is the wall clock's, which the world
    /// records; those are final, with their own code. On success what the script sent is added to
    /// <paramref name="outgoing"/>; <paramref name="gaveUp"/> is set to the reason when the call
    /// failed for good.
    /// </summary>
    public CallResult Run(EntityWork work, List<Outgoing> outgoing, out string? gaveUp)
    {
        // A call from a traced request has a span of its own, its retries included.
        using Activity? span = work is EntityWork.Call call ? WorldTracing.StartCall(call.Trace, Context.WorldId, EntityId, call.Method) : null;
        CallResult result = RunWithRetry(work, outgoing, out gaveUp);
        if (span is not null)
        {
            WorldTracing.Ended(span, result);
        }

        return result;
    }

    private CallResult RunWithRetry(EntityWork work, List<Outgoing> outgoing, out string? gaveUp)
    {
        gaveUp = null;
        if (Unavailable is { } unavailable)
        {
            return new CallResult(ScriptValue.Nil, unavailable);
        }

        while (true)
        {
            bool fresh = _callsSinceInstantiation == 0;
            _callsSinceInstantiation++;
            CallResult result = Attempt(_instance!, work);
            if (result.Error?.Code is not (ScriptErrorCode.Trapped or ScriptErrorCode.OutOfFuel or ScriptErrorCode.LimitExceeded or ScriptErrorCode.TimedOut))
            {
                outgoing.AddRange(Context.Outbox);
                Context.Outbox.Clear();
                return result;
            }

            bool final = fresh || result.Error.Code != ScriptErrorCode.Trapped;
            ReportFailure(result.Error.ToString(), final ? "final" : "retried once on a fresh instance");
            Reinstantiate(outgoing);
            if (final || Unavailable is not null)
            {
                gaveUp = result.Error.ToString();
                return result;
            }
        }
    }

    public void Dispose() => _instance?.Dispose();

    private static CallResult Attempt(ScriptInstance instance, EntityWork work) => work switch
    {
        EntityWork.Call call => instance.Call(call.Method, call.Arguments),
        EntityWork.Notify notify => instance.Notify(notify.Name, notify.Arguments),
        EntityWork.Reply reply => instance.Reply(reply.CallId, reply.Result),
        _ => throw new ArgumentException($"An entity runs calls, notifications and replies, not {work.GetType().Name}.", nameof(work)),
    };

    /// <summary>
    /// A fresh instance on the current state, then <c>_ready</c>. A <c>_ready</c> that fails is logged
    /// and its changes to the state undone; what it left in the instance's memory is not, and a
    /// replay does not even run a <c>_ready</c> the wall clock stopped, so the entity goes on on
    /// another fresh instance, one nothing has run on, the same live and in a replay.
    /// </summary>
    private void Reinstantiate(List<Outgoing> outgoing)
    {
        if (!TryInstantiate())
        {
            return;
        }

        CallResult ready = _instance!.Notify("_ready", []);
        if (ready.IsSuccess)
        {
            outgoing.AddRange(Context.Outbox);
            Context.Outbox.Clear();
        }
        else
        {
            ReportFailure("_ready: " + ready.Error!, "its changes are undone");
            TryInstantiate();
        }
    }

    /// <summary>Replaces the instance with a fresh one on the module; a module that cannot be instantiated makes the entity unavailable.</summary>
    private bool TryInstantiate()
    {
        _instance?.Dispose();
        _instance = null;
        _callsSinceInstantiation = 0;
        try
        {
            _instance = _runtime.Instantiate(_module!, Context);
            return true;
        }
        catch (WasmtimeException failed)
        {
            MarkUnavailable(new ScriptError(ScriptErrorCode.InvalidModule, $"The module of '{EntityId}' could not be instantiated: {failed.Message}"));
            return false;
        }
    }

    /// <summary>
    /// Logs the entity's 1st, 2nd, 4th, 8th, … failure: a script that fails on every tick would
    /// otherwise write a line per tick for as long as it runs. Its failures still all count in the
    /// meters and the dead letters.
    /// </summary>
    private void ReportFailure(string reason, string outcome)
    {
        _failures++;
        if ((_failures & (_failures - 1)) == 0)
        {
            LogFailed(_logger, EntityId, reason, outcome, _failures);
        }
    }

    // FNV-1a of the id, mixed with the world's seed: the same entity gets the same generator everywhere.
    private static ulong Seed(string entityId, ulong worldSeed)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(entityId))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash ^ worldSeed;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Entity {EntityId} failed ({Reason}): {Outcome}; it goes on on a fresh instance from the state before the call (its failure {Failures}; only the 1st, 2nd, 4th, 8th, … are logged)")]
    private static partial void LogFailed(ILogger logger, string entityId, string reason, string outcome, long failures);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Entity {EntityId} is unavailable: {Reason}; its calls fail until its module is fixed")]
    private static partial void LogUnavailable(ILogger logger, string entityId, string reason);
}
