namespace WasGo.Scripting;

/// <summary>What an <see cref="EntityBatch"/> did, for its world to merge in entity id order.</summary>
public sealed class EntityBatchResult
{
    internal EntityBatchResult(EntityBatch batch, CallResult[] results, List<Outgoing> outgoing, List<string> gaveUp)
    {
        Batch = batch;
        Results = results;
        Outgoing = outgoing;
        GaveUp = gaveUp;
    }

    /// <summary>Gets the batch this is the result of.</summary>
    public EntityBatch Batch { get; }

    /// <summary>Gets the result of each piece of the batch's work, in order.</summary>
    internal CallResult[] Results { get; }

    /// <summary>Gets what the entity asked for (messages, signals, timers, log lines), in the order it asked.</summary>
    internal List<Outgoing> Outgoing { get; }

    /// <summary>Gets why calls failed for good, in order.</summary>
    internal List<string> GaveUp { get; }
}
