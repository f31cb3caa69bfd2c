namespace WasGo.Scripting;

/// <summary>
/// One entity's share of a phase of its world's tick: its work in order (a spawn, calls, replies,
/// notifications), with what it may send and emit. Running it touches that entity only, so the
/// batches of a phase may run in parallel, each on one thread (an entity actor's, or the world's
/// one after another); the world then merges the results in entity id order.
/// </summary>
public sealed class EntityBatch
{
    private readonly IReadOnlyList<EntityWork> _work;
    private readonly int _sendBudget;
    private readonly long _signalBudget;
    private readonly HashSet<long> _timers;
    private readonly int _maxTimers;

    internal EntityBatch(int index, ScriptedEntity entity, IReadOnlyList<EntityWork> work, int sendBudget, long signalBudget, HashSet<long> timers, int maxTimers)
    {
        Index = index;
        Entity = entity;
        _work = work;
        _sendBudget = sendBudget;
        _signalBudget = signalBudget;
        _timers = timers;
        _maxTimers = maxTimers;
    }

    /// <summary>Gets the id of the entity the batch is for.</summary>
    public string EntityId => Entity.EntityId;

    /// <summary>Gets the batch's place in its phase, which is in entity id order.</summary>
    internal int Index { get; }

    internal ScriptedEntity Entity { get; }

    internal IReadOnlyList<EntityWork> Work => _work;

    /// <summary>Runs the batch's work in order on its entity.</summary>
    /// <returns>What it did, for the world to merge.</returns>
    public EntityBatchResult Run()
    {
        var outgoing = new List<Outgoing>();
        var gaveUp = new List<string>();
        var results = new CallResult[_work.Count];
        HashSet<long>? timers = null; // the world's set of the entity's timers, copied if the batch changes it
        ScriptContext context = Entity.Context;
        int sent = 0;
        long signalBytes = 0;
        for (int i = 0; i < results.Length; i++)
        {
            // The budgets are the batch's, and what earlier work of the batch used counts against them.
            context.SendBudget = Math.Max(0, _sendBudget - sent);
            context.SignalBudget = Math.Max(0, _signalBudget - signalBytes);
            context.RunningTimers = timers ?? _timers;
            context.MaxTimers = _maxTimers;
            int from = outgoing.Count;
            results[i] = Do(_work[i], outgoing, gaveUp);
            for (int j = from; j < outgoing.Count; j++)
            {
                switch (outgoing[j])
                {
                    case OutgoingSend or OutgoingCall:
                        sent++;
                        break;
                    case OutgoingSignal signal:
                        signalBytes += signal.Size;
                        break;
                    case OutgoingTimerStart start:
                        (timers ??= [.. _timers]).Add(start.TimerId);
                        break;
                    case OutgoingTimerCancel cancel:
                        (timers ??= [.. _timers]).Remove(cancel.TimerId);
                        break;
                }
            }
        }

        context.State.UpdateDigest();
        return new EntityBatchResult(this, results, outgoing, gaveUp);
    }

    private CallResult Do(EntityWork work, List<Outgoing> outgoing, List<string> gaveUp)
    {
        switch (work)
        {
            case EntityWork.Load load:
                Entity.Load(load.Module, outgoing);
                return Started();
            case EntityWork.Refresh:
                Entity.Refresh(outgoing);
                return Started();
        }

        CallResult result = Entity.Run(work, outgoing, out string? failed);
        if (failed is not null)
        {
            gaveUp.Add(failed);
        }

        return result;
    }

    /// <summary>The result of a spawn or a refresh: nil, or why the entity cannot run.</summary>
    private CallResult Started() =>
        Entity.Unavailable is { } cannotStart ? new CallResult(ScriptValue.Nil, cannotStart) : CallResult.Success(ScriptValue.Nil);
}
