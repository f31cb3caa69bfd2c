using WasGo.Client;

namespace WasGo.Host.Tests.Following;

/// <summary>A <see cref="WorldFollower"/> following in the background until it is disposed, for tests that look at the host meanwhile.</summary>
internal sealed class BackgroundFollower : IAsyncDisposable
{
    private readonly WorldFollower _follower;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<long> _following;
    private readonly TaskCompletionSource _firstTick = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BackgroundFollower(WorldFollowerOptions options)
    {
        _follower = new WorldFollower(options);
        _following = FollowAsync();
    }

    public static BackgroundFollower Start(WorldFollowerOptions options) => new(options);

    /// <summary>Completes when the follower has checked its first tick (it is counted as a follower as soon as it connects, before that).</summary>
    public Task FirstTick => _firstTick.Task;

    /// <summary>Stops following, and returns how many ticks were checked; a disagreement or a failure to follow fails the test.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        return await _following;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _following;
        }
        catch (Exception)
        {
            // Disposed after a failed test: StopAsync reports what went wrong.
        }

        _follower.Dispose();
        _stop.Dispose();
    }

    private async Task<long> FollowAsync()
    {
        long checkedTicks = 0;
        try
        {
            await foreach (FollowedTick tick in _follower.FollowAsync(_stop.Token))
            {
                if (!tick.Agrees)
                {
                    throw new InvalidOperationException("The background follower disagreed: " + tick.Disagreement);
                }

                checkedTicks++;
                _firstTick.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped, as asked.
        }

        return checkedTicks;
    }
}
