using Akka.Actor;
using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
using WasGo.Host.Cluster;
using WasGo.Host.Http;
using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>
/// Reads the status of each world that has feed subscribers at the feed rate and hands it to the
/// feed, which sends what changed: one read per world however many clients follow it, and none for
/// a world nobody watches.
/// </summary>
internal sealed partial class WorldFeedPump(WorldDirectory worlds, IOptions<HttpOptions> options, ILogger<WorldFeedPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A world whose read is still out (its node slow or gone) skips beats; the others go on.
        var reading = new Dictionary<HostedWorld, Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / options.Value.FeedRate));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (HostedWorld world in worlds.All.Where(w => w.Feed.SubscriberCount > 0))
                {
                    if (!reading.TryGetValue(world, out Task? read) || read.IsCompleted)
                    {
                        reading[world] = PumpAsync(world, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Cancelled by a host that failed to start (and so never stopped this): not a failure.
        }

        await Task.WhenAll(reading.Values).ConfigureAwait(false);
    }

    private async Task PumpAsync(HostedWorld world, CancellationToken cancellationToken)
    {
        try
        {
            WorldStatus status = await world.AskAsync<WorldStatus>(GetWorldStatus.Instance, options.Value.CallTimeout, cancellationToken).ConfigureAwait(false);
            world.Observe(status);
            world.Feed.Publish(status);
        }
        catch (WorldUnavailableException)
        {
            // Restarting after a failure, which its entity logs: the next beat after the restart reads it again.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A slow world, or a failure its shard answered: the next beat tries again. (A stopping host cancels the ask instead.)
            LogSlow(logger, world.Id, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host stops.
        }
    }

    [LoggerMessage(EventId = 8110, Level = LogLevel.Warning, Message = "Feed of world {WorldId} skipped a beat: {Reason}; it tries again at the next one")]
    private static partial void LogSlow(ILogger logger, string worldId, string reason);
}
