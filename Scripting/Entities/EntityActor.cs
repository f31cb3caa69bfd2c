using Microsoft.Extensions.Logging;
using WasGo.Actors;
using WasGo.Persistence;
using Wasmtime;

namespace WasGo.Scripting;

/// <summary>
/// A scripted entity: one actor, one WebAssembly instance, one persisted state row. It activates on
/// its first message (module from the module store, state restored, <c>_ready</c>), runs each call
/// or notification, persists what the script changed (write-behind, in order, fenced by revision),
/// and sends what the script asked to send only if the call did not trap. A message that traps is
/// retried on a fresh instance from the state before it, and dead-lettered after the last retry.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's resources are freed in PostStop, which the runtime always calls.")]
public sealed partial class EntityActor : ReceiveActor
{
    private const string RowManifest = "wasgo-row-v1";

    private readonly string _entityId;
    private readonly string _moduleName;
    private readonly ScriptRuntime _runtime;
    private readonly IPersistenceProvider _persistence;
    private readonly EntityOptions _options;
    private readonly string _persistenceId;
    private readonly List<Outgoing> _outgoing = [];
    private readonly Dictionary<Task, List<(IActorRef Sender, CallResult Result)>> _repliesAfterWrite = [];
    private List<(IActorRef Sender, CallResult Result)> _repliesAfterNextWrite = [];
    private ScriptedEntity? _entity;
    private long _revision;
    private Task _inFlight = Task.CompletedTask;
    private bool _passivateWhenWritten;

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
    protected override void PostStop() => _entity?.Dispose();

    private async Task OnMessageAsync(object message)
    {
        if (_entity is null)
        {
            await ActivateAsync().ConfigureAwait(false);
        }

        switch (message)
        {
            case Activate:
                break;
            case EntityCall call:
                CallResult result = Run(call, instance => instance.Call(call.Method, call.Arguments));
                if (call.Durable && _entity!.Context.Dirty)
                {
                    // Answered once the write that carries this change has committed.
                    _repliesAfterNextWrite.Add((Sender, result));
                    PersistChanges();
                }
                else
                {
                    PersistChanges();
                    Reply(result);
                }

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
                Sender.Tell(new EntityState(_entityId, _revision, _entity!.Context.State.ScriptColumns(), _entity.ModuleHash));
                break;
            case UpgradeEntity:
                Reply(await LoadModuleAsync(upgrade: true).ConfigureAwait(false));
                break;
            case WriteFinished finished when ReferenceEquals(finished.Incarnation, _entity):
                OnWriteFinished(finished.Write);
                break;
            case WriteFinished:
                break;
            case ReceiveTimeout when _entity!.Context.Dirty || !_inFlight.IsCompleted:
                _passivateWhenWritten = true;
                PersistChanges();
                break;
            case ReceiveTimeout:
                RequestPassivation();
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

    private CallResult Run(object message, Func<ScriptInstance, CallResult> attempt)
    {
        CallResult result = _entity!.Run(attempt, _outgoing, out string? gaveUp);
        if (gaveUp is not null)
        {
            Context.System.EventStream.Publish(new EntityDeadLetter(_entityId, message, gaveUp));
        }

        Deliver();
        return result;
    }

    private async Task ActivateAsync()
    {
        DurableStateRecord? record = await _persistence.DurableState.GetAsync(_persistenceId).ConfigureAwait(false);
        StateRow row = record is null ? new StateRow() : StateRow.Decode(record.Payload.Span);
        _revision = record?.Revision ?? 0;
        _entity = new ScriptedEntity(_entityId, row, _runtime, _options, Log);
        await LoadModuleAsync(upgrade: false).ConfigureAwait(false);
    }

    /// <summary>Loads the newest version of the module; on an upgrade only a new version replaces the running one.</summary>
    private async Task<CallResult> LoadModuleAsync(bool upgrade)
    {
        ScriptedEntity entity = _entity!;
        ModuleTag? tag = await _persistence.Modules.ResolveAsync(_moduleName).ConfigureAwait(false);
        if (tag is null)
        {
            var missing = new ScriptError(ScriptErrorCode.Unavailable, $"Entity '{_entityId}' runs module '{_moduleName}', which is not deployed.");
            if (!upgrade)
            {
                entity.MarkUnavailable(missing);
            }

            return new CallResult(ScriptValue.Nil, missing);
        }

        if (!upgrade || tag.Hash != entity.ModuleHash)
        {
            (Module? module, string? problem) = await _runtime.LoadAsync(_persistence.Modules, tag.Hash).ConfigureAwait(false);
            if (module is null)
            {
                var broken = new ScriptError(ScriptErrorCode.Unavailable, $"Module '{_moduleName}' {tag.Version}: {problem}");
                entity.MarkUnavailable(broken);
                return new CallResult(ScriptValue.Nil, broken);
            }

            entity.Load(module, tag.Hash, _outgoing);
            Deliver();
            PersistChanges();
        }

        return CallResult.Success(ScriptValue.FromString(tag.Hash));
    }

    /// <summary>
    /// Write-behind: the state goes to the store now if no write of this entity is in flight, or
    /// else as one write of the latest state when that one commits. Writes of one entity are thus
    /// in order, one at a time, and never more frequent than the store commits.
    /// </summary>
    private void PersistChanges()
    {
        ScriptedEntity entity = _entity!;
        if (!entity.Context.Dirty || !_inFlight.IsCompleted)
        {
            return;
        }

        entity.Context.Dirty = false;
        _revision++;
        Task write = _persistence.DurableState.UpsertAsync(_persistenceId, _revision, entity.Context.State.Encode(), RowManifest);
        _inFlight = write;
        if (_repliesAfterNextWrite.Count > 0)
        {
            _repliesAfterWrite[write] = _repliesAfterNextWrite;
            _repliesAfterNextWrite = [];
        }
        IActorRef self = Self;
        write.ContinueWith(
            static (done, state) =>
            {
                var (self, entity) = ((IActorRef, ScriptedEntity))state!;
                self.Tell(new WriteFinished(entity, done));
            },
            (self, entity),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnWriteFinished(Task write)
    {
        if (write.Exception is { } failure)
        {
            throw new InvalidOperationException($"Entity '{_entityId}' could not persist its state; it restarts from what is stored.", failure.InnerException ?? failure);
        }

        // The task may have completed long before this message came: only this write's replies go.
        if (_repliesAfterWrite.Remove(write, out List<(IActorRef Sender, CallResult Result)>? replies))
        {
            foreach ((IActorRef sender, CallResult result) in replies)
            {
                sender.Tell(result, Self);
            }
        }

        PersistChanges();
        if (_passivateWhenWritten && _inFlight.IsCompleted)
        {
            RequestPassivation();
        }
    }

    private void RequestPassivation()
    {
        _runtime.Metrics.Passivated();
        Context.Parent.Tell(new Passivate(Self));
    }

    /// <summary>Sends what the script asked for, now that its call has returned without trapping.</summary>
    private void Deliver()
    {
        foreach (Outgoing outgoing in _outgoing)
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

        _outgoing.Clear();
    }

    private void Reply(CallResult result)
    {
        if (!ReferenceEquals(Sender, Context.System.DeadLetters))
        {
            Sender.Tell(result, Self);
        }
    }

    [LoggerMessage(EventId = 6003, Message = "Script {EntityId}: {Text}")]
    private static partial void LogScript(ILogger logger, LogLevel level, string entityId, string text);

    private sealed class Activate
    {
        public static Activate Instance { get; } = new();
    }

    private sealed record ScriptTimerFired(long TimerId);

    private sealed record ReplyArrived(long CallId, CallResult Result);

    private sealed record WriteFinished(ScriptedEntity Incarnation, Task Write);
}
