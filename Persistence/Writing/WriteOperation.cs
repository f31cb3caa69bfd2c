namespace WasGo.Persistence;

/// <summary>A write waiting for the group commit: its caller awaits <see cref="Completion"/>, which completes only after the commit.</summary>
internal abstract class WriteOperation
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _refusal;

    public Task Completion => _completion.Task;

    /// <summary>Gets whether this operation was refused on its own (its batch may still commit).</summary>
    public bool IsRefused => _refusal is not null;

    /// <summary>Marks the operation refused; its caller gets <paramref name="reason"/> after the batch ends.</summary>
    public void Refuse(Exception reason) => _refusal = reason;

    /// <summary>Reports the outcome once the batch has committed (or failed as a whole with <paramref name="batchFailure"/>).</summary>
    public void Finish(Exception? batchFailure)
    {
        Exception? failure = batchFailure ?? _refusal;
        if (failure is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(failure);
        }
    }
}
