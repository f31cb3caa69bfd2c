namespace WasGo.Actors.Tests.Support;

/// <summary>
/// A one-shot gate for tests: an actor awaits <see cref="Task"/> to block deterministically, the test
/// opens it. <see cref="Entered"/> tells the test the actor is inside.
/// </summary>
internal sealed class Gate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _open.Task;

    public Task Entered => _entered.Task;

    public Task EnterAndWaitAsync()
    {
        _entered.TrySetResult();
        return _open.Task;
    }

    public void Open() => _open.TrySetResult();
}
