using Microsoft.Extensions.Options;
using WasGo.Actors;
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
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / options.Value.FeedRate));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                HostedWorld[] watched = [.. worlds.All.Where(w => w.Feed.SubscriberCount > 0)];
                await Task.WhenAll(watched.Select(w => PumpAsync(w, stoppingToken))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Cancelled by a host that failed to start (and so never stopped this): not a failure.
        }
    }

    private async Task PumpAsync(HostedWorld world, CancellationToken cancellationToken)
    {
        try
        {
            WorldStatus status = await world.AskAsync<WorldStatus>(GetWorldStatus.Instance, options.Value.CallTimeout, cancellationToken).ConfigureAwait(false);
            world.Feed.Publish(status);
        }
        catch (AskTimeoutException slow)
        {
            // A stopping host cancels the ask instead: that ends the pump, not a beat.
            LogSlow(logger, world.Id, slow.Message);
        }
    }

    [LoggerMessage(EventId = 8110, Level = LogLevel.Warning, Message = "Feed of world {WorldId} skipped a beat: {Reason}; it tries again at the next one")]
    private static partial void LogSlow(ILogger logger, string worldId, string reason);
}
