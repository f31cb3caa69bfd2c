using System.Text;
using Microsoft.Extensions.Logging;
using WasGo.Actors;
using WasGo.Persistence;
using WasGo.Wasm;

namespace WasGo.Scripting;

/// <summary>
/// A scripted entity: one actor, one WebAssembly instance, one persisted state row. It activates on
/// its first message (module from the module store, state restored, <c>_ready</c>), runs each call
/// or notification, persists what the script changed (write-behind, in order, fenced by revision),
/// and sends what the script asked to send only if the call did not trap. A message that traps is
/// retried on a fresh instance from the state before it, and dead-lettered after the last retry.
/// </summary>
public sealed partial class EntityActor : ReceiveActor
{
    private const string RowManifest = "wasgo-row-v1";

    private readonly string _entityId;
    private readonly string _moduleName;
    private readonly ScriptRuntime _runtime;
    private readonly IPersistenceProvider _persistence;
    private readonly EntityOptions _options;
    private readonly string _persistenceId;
    private ScriptContext? _context;
    private ScriptInstance? _instance;
    private Module? _module;
    private string _moduleHash = string.Empty;
    private ScriptError? _unavailable;
    private long _revision;
    private Task _lastWrite = Task.CompletedTask;

    /// <summary>Initializes the actor of one entity.</summary>
    /// <param name="entityId">The entity's id, unique in its world.</param>
    /// <param name="moduleName">The module it runs (its newest version, on each activation).</param>
    /// <param name="runtime">The shared script runtime.</param>
    /// <param name="persistence">Where modules and state are stored.</param>
    /// <param name="options">The world's settings.</param>
    public EntityActor(string entityId, string moduleName, ScriptRuntime runtime, IPersistenceProvider persistence, EntityOptions options)
    {
        _entityId = entityId;
        _moduleName = moduleName;
        _runtime = runtime;
        _persistence = persistence;
        _options = options;
        _persistenceId = $"entity/{options.WorldId}/{entityId}";
        ReceiveAsync<object>(OnMessageAsync);
    }

    /// <summary>Makes the props of an entity.</summary>
    /// <param name="entityId">The entity's id.</param>
    /// <param name="moduleName">The module it runs.</param>
    /// <param name="runtime">The shared script runtime.</param>
    /// <param name="persistence">Where modules and state are stored.</param>
    /// <param name="options">The world's settings.</param>
    /// <returns>The props.</returns>
    public static Props Props(string entityId, string moduleName, ScriptRuntime runtime, IPersistenceProvider persistence, EntityOptions options) =>
        Actors.Props.Create(() => new EntityActor(entityId, moduleName, runtime, persistence, options));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Self.Tell(Activate.Instance);
        if (_options.IdleTimeout is { } idle)
        {
            Context.SetReceiveTimeout(idle);
        }
    }

    /// <inheritdoc />
    protected override void PostStop() => _instance?.Dispose();

    private async Task OnMessageAsync(object message)
    {
        if (_context is null)
        {
            await ActivateAsync().ConfigureAwait(false);
        }

        switch (message)
        {
            case Activate:
                break;
            case EntityCall call:
                CallResult result = Run(call, instance => instance.Call(call.Method, call.Arguments));
                Task write = PersistChanges();
                if (call.Durable)
                {
                    await write.ConfigureAwait(false);
                }

                Reply(result);
                break;
            case EntityNotification notification:
                Reply(RunAndPersist(notification, instance => instance.Notify("_notification", [ScriptValue.FromInteger(notification.What)])));
                break;
            case EntityProcess process:
                Reply(RunAndPersist(process, instance => instance.Notify(process.Physics ? "_physics_process" : "_process", [ScriptValue.FromFloat(process.Delta)])));
                break;
            case ScriptTimerFired timer:
                RunAndPersist(timer, instance => instance.Notify("_timer", [ScriptValue.FromInteger(timer.TimerId)]));
                break;
            case ReplyArrived reply:
                RunAndPersist(reply, instance => instance.Reply(reply.CallId, reply.Result));
                break;
            case GetEntityState:
                Sender.Tell(CurrentState());
                break;
            case UpgradeEntity:
                await _lastWrite.ConfigureAwait(false);
                Reply(await UpgradeAsync().ConfigureAwait(false));
                break;
            case PersistFailed failed when ReferenceEquals(failed.Incarnation, _context):
                throw new InvalidOperationException($"Entity '{_entityId}' could not persist its state; it restarts from what is stored.", failed.Cause);
            case PersistFailed:
                break;
            case ReceiveTimeout:
                await _lastWrite.ConfigureAwait(false);
                Context.Parent.Tell(new Passivate(Self));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private CallResult RunAndPersist(object message, Func<ScriptInstance, CallResult> attempt)
    {
        CallResult result = Run(message, attempt);
        PersistChanges();
        return result;
    }

    /// <summary>Runs the script, retrying on a fresh instance after a trap, and applies what it asked for.</summary>
    private CallResult Run(object message, Func<ScriptInstance, CallResult> attempt)
    {
        if (_unavailable is { } unavailable)
        {
            return new CallResult(ScriptValue.Nil, unavailable);
        }

        for (int tries = 0; ; tries++)
        {
            CallResult result = attempt(_instance!);
            if (result.Error?.Code is not (ScriptErrorCode.Trapped or ScriptErrorCode.OutOfFuel))
            {
                ApplyOutgoing(_context!);
                return result;
            }

            LogTrapped(Log, _entityId, result.Error.Message, tries + 1, _options.MaxRetries + 1);
            Reinstantiate();
            if (tries >= _options.MaxRetries)
            {
                Context.System.EventStream.Publish(new EntityDeadLetter(_entityId, message, result.Error.Message));
                return CallResult.Failure(ScriptErrorCode.DeadLettered, $"Gave up after {tries + 1} tries: {result.Error.Message}");
            }
        }
    }

    private async Task ActivateAsync()
    {
        DurableStateRecord? record = await _persistence.DurableState.GetAsync(_persistenceId).ConfigureAwait(false);
        StateRow row = record is null ? new StateRow() : StateRow.Decode(record.Payload.Span);
        _revision = record?.Revision ?? 0;
        _context = new ScriptContext(_entityId, _options.WorldId, row, _options.WorldTime, Seed());
        ScriptError? problem = await LoadModuleAsync().ConfigureAwait(false);
        if (problem is not null)
        {
            _unavailable = problem;
            LogUnavailable(Log, _entityId, problem.Message);
            return;
        }

        Reinstantiate();
    }

    private async Task<ScriptError?> LoadModuleAsync()
    {
        ModuleTag? tag = await _persistence.Modules.ResolveAsync(_moduleName).ConfigureAwait(false);
        byte[]? bytes = tag is null ? null : await _persistence.Modules.GetAsync(tag.Hash).ConfigureAwait(false);
        if (tag is null || bytes is null)
        {
            return new ScriptError(ScriptErrorCode.Unavailable, $"Entity '{_entityId}' runs module '{_moduleName}', which is not deployed.");
        }

        try
        {
            _module = _runtime.Compile(tag.Hash, bytes);
            _moduleHash = tag.Hash;
            return null;
        }
        catch (WasmException invalid)
        {
            return new ScriptError(ScriptErrorCode.Unavailable, $"Module '{_moduleName}' {tag.Version} does not load: {invalid.Message}");
        }
    }

    /// <summary>A fresh instance on the current state, then <c>_ready</c> (which may not trap: if it does, the instance is used as it is).</summary>
    private void Reinstantiate()
    {
        _instance?.Dispose();
        _instance = null;
        try
        {
            _instance = _runtime.Instantiate(_module!, _context!);
        }
        catch (WasmException failed)
        {
            _unavailable = new ScriptError(ScriptErrorCode.Unavailable, $"Module '{_moduleName}' could not be instantiated: {failed.Message}");
            LogUnavailable(Log, _entityId, failed.Message);
            return;
        }

        CallResult ready = _instance.Notify("_ready", []);
        if (ready.IsSuccess)
        {
            ApplyOutgoing(_context!);
            PersistChanges();
        }
        else
        {
            LogTrapped(Log, _entityId, ready.Error!.Message, 1, 1);
        }
    }

    private async Task<CallResult> UpgradeAsync()
    {
        string previous = _moduleHash;
        ScriptError? problem = await LoadModuleAsync().ConfigureAwait(false);
        if (problem is not null)
        {
            return new CallResult(ScriptValue.Nil, problem);
        }

        if (_moduleHash != previous)
        {
            _unavailable = null;
            Reinstantiate();
        }

        return CallResult.Success(ScriptValue.FromString(_moduleHash));
    }

    private Task PersistChanges()
    {
        ScriptContext context = _context!;
        if (!context.StateChanged)
        {
            return _lastWrite;
        }

        _revision++;
        Task write = _persistence.DurableState.UpsertAsync(_persistenceId, _revision, context.State.Encode(), RowManifest);
        IActorRef self = Self;
        write.ContinueWith(
            failed => self.Tell(new PersistFailed(context, failed.Exception!.InnerException ?? failed.Exception)),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        _lastWrite = write;
        context.BeginCall([]);
        return write;
    }

    private void ApplyOutgoing(ScriptContext context)
    {
        foreach (Outgoing outgoing in context.Outbox)
        {
            switch (outgoing)
            {
                case OutgoingSend send:
                    Context.Parent.Tell(new EntityEnvelope(send.Target, new EntityCall(send.Method, send.Arguments)));
                    break;
                case OutgoingCall call:
                    Context.Parent.Ask<CallResult>(new EntityEnvelope(call.Target, new EntityCall(call.Method, call.Arguments)), TimeSpan.FromSeconds(30))
                        .PipeTo(Self, success: result => new ReplyArrived(call.CallId, result), failure: cause => new ReplyArrived(call.CallId, CallResult.Failure(ScriptErrorCode.Unavailable, cause.Message)));
                    break;
                case OutgoingSignal signal:
                    Context.System.EventStream.Publish(new EntitySignal(_options.WorldId, _entityId, signal.Signal, signal.Arguments));
                    break;
                case OutgoingTimerStart start when start.Repeat:
                    Timers.StartPeriodicTimer(("script-timer", start.TimerId), new ScriptTimerFired(start.TimerId), TimeSpan.FromMilliseconds(start.DelayMilliseconds), TimeSpan.FromMilliseconds(Math.Max(1, start.DelayMilliseconds)));
                    break;
                case OutgoingTimerStart start:
                    Timers.StartSingleTimer(("script-timer", start.TimerId), new ScriptTimerFired(start.TimerId), TimeSpan.FromMilliseconds(start.DelayMilliseconds));
                    break;
                case OutgoingTimerCancel cancel:
                    Timers.Cancel(("script-timer", cancel.TimerId));
                    break;
                case OutgoingLog log:
                    LogScript(Log, (LogLevel)log.Level, _entityId, log.Text);
                    break;
            }
        }

        context.Outbox.Clear();
    }

    private void Reply(CallResult result)
    {
        if (!ReferenceEquals(Sender, Context.System.DeadLetters))
        {
            Sender.Tell(result, Self);
        }
    }

    private EntityState CurrentState()
    {
        var columns = new Dictionary<string, ScriptValue>(StringComparer.Ordinal);
        foreach ((string name, ScriptValue value) in _context!.State.Columns)
        {
            if (!name.StartsWith('$'))
            {
                columns[name] = value;
            }
        }

        return new EntityState(_entityId, _revision, columns, _moduleHash);
    }

    // FNV-1a of the id, mixed with the world's seed: the same entity gets the same generator everywhere.
    private ulong Seed()
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(_entityId))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return hash ^ _options.RandomSeed;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Entity {EntityId} trapped ({Try} of {Tries}): {Reason}; it restarts from the state before the message")]
    private static partial void LogTrapped(ILogger logger, string entityId, string reason, int @try, int tries);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Entity {EntityId} is unavailable: {Reason}; its calls fail until its module is fixed")]
    private static partial void LogUnavailable(ILogger logger, string entityId, string reason);

    [LoggerMessage(EventId = 6003, Message = "Script {EntityId}: {Text}")]
    private static partial void LogScript(ILogger logger, LogLevel level, string entityId, string text);

    private sealed class Activate
    {
        public static Activate Instance { get; } = new();
    }

    private sealed record ScriptTimerFired(long TimerId);

    private sealed record ReplyArrived(long CallId, CallResult Result);

    private sealed record PersistFailed(ScriptContext Incarnation, Exception Cause);
}
