using WasGo.Client;

namespace WasGo.Host.Tests.Following;

/// <summary>A <see cref="WorldFollower"/> following in the background until it is disposed, for tests that look at the host meanwhile.</summary>
internal sealed class BackgroundFollower : IAsyncDisposable
{
    private readonly WorldFollower _follower;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstTick = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<long> _following;

    private BackgroundFollower(WorldFollowerOptions options)
    {
        _follower = new WorldFollower(options);
        _following = FollowAsync();
    }

    public static BackgroundFollower Start(WorldFollowerOptions options) => new(options);

    /// <summary>Waits until the follower has checked a tick: it counts as following as soon as it connects, and fetches and compiles the world's modules after.</summary>
    public Task FirstTickAsync() => _firstTick.Task.WaitAsync(TimeSpan.FromSeconds(60));

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
        finally
        {
            _firstTick.TrySetException(new InvalidOperationException("The background follower stopped before its first tick."));
        }

        return checkedTicks;
    }
}
