using WasGo.Scripting;

namespace WasGo.Actors.Entities;

/// <summary>
/// One phase of a world's tick under way on its entity actors: each actor puts its batch's result
/// in the batch's slot, and the last to answer completes the task the world actor awaits (its
/// mailbox suspended meanwhile). The phase completes only when every batch has answered, even if
/// one failed: until then an entity actor may still be running in its entity's store, which the
/// world frees when the phase fails. A late answer of an earlier phase lands in that phase, not
/// this one.
/// </summary>
/// <remarks>
/// Answers come from the entity actors' threads at once; an answer is a write to its own slot and
/// a decrement, where an answer as a message to a collecting actor cost a mailbox turn each.
/// </remarks>
internal sealed class Phase
{
    private readonly EntityBatchResult?[] _results;
    private readonly TaskCompletionSource<IReadOnlyList<EntityBatchResult>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;
    private Exception? _failure;

    public Phase(int batches)
    {
        _results = new EntityBatchResult?[batches];
        _waiting = batches;
    }

    /// <summary>Gets the results in batch order, once every batch has answered, or the first failure.</summary>
    public Task<IReadOnlyList<EntityBatchResult>> Done => _done.Task;

    /// <summary>Records the result of the batch at <paramref name="index"/>.</summary>
    public void Answer(int index, EntityBatchResult result)
    {
        _results[index] = result;
        Arrive();
    }

    /// <summary>Records that a batch failed in the host (not in its script, whose failures are results): the phase fails.</summary>
    public void Fail(Exception failure)
    {
        Interlocked.CompareExchange(ref _failure, failure, null);
        Arrive();
    }

    // The decrement is a full fence: the last answer sees every slot the others wrote.
    private void Arrive()
    {
        if (Interlocked.Decrement(ref _waiting) != 0)
        {
            return;
        }

        if (_failure is { } failure)
        {
            _done.TrySetException(failure);
        }
        else
        {
            _done.TrySetResult(_results!);
        }
    }
}
