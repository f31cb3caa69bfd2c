using System.Net.WebSockets;
using System.Threading.Channels;
using WasGo.Host.Auth;
using WasGo.Host.Http.Errors;
using WasGo.Host.Http.Worlds;
using WasGo.Host.Worlds;
using WasGo.Scripting;

namespace WasGo.Host.Http.Feeds;

/// <summary>
/// <c>/api/worlds/{worldId}/feed</c>: a WebSocket of JSON text messages: a <c>snapshot</c> first,
/// then <c>update</c> (the rows that changed, the entities that left, the tick and digest) and
/// <c>signal</c> messages. Clients follow the world
/// without running any of its code. The token may come as <c>?access_token=</c>, since browsers
/// cannot set headers on a WebSocket.
/// </summary>
internal static partial class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/worlds/{worldId}/feed", FollowAsync)
            .WithTags("Feeds")
            .WithSummary("A WebSocket feed of the world: a snapshot, then updates (changed rows, removed entities, tick, digest) and signals.")
            .RequireWorldAccess();
        return routes;
    }

    private static async Task FollowAsync(string worldId, HttpContext context, WorldCalls calls, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        HostedWorld world = calls.Find(worldId);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw ApiException.BadRequest("This is a WebSocket endpoint; connect with a WebSocket client (ws://…/feed?access_token=…).");
        }

        WorldStatus current = await calls.StatusAsync(world, context.RequestAborted).ConfigureAwait(false);
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using FeedSubscription subscription = world.Feed.Subscribe(current);
        // A stopping host ends its feeds, rather than waiting for every client to leave.
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        Task receiving = DrainUntilClosedAsync(socket, closed);
        try
        {
            await foreach (byte[] message in subscription.Messages.ReadAllAsync(closed.Token).ConfigureAwait(false))
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, closed.Token).ConfigureAwait(false);
            }
        }
        catch (ChannelClosedException tooSlow) when (tooSlow.InnerException is { } reason)
        {
            LogDropped(loggers.CreateLogger(typeof(FeedEndpoints).FullName!), worldId, reason.Message);
            await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "too slow; reconnect", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client left, or the host is stopping: nothing to tell anyone.
        }

        await closed.CancelAsync().ConfigureAwait(false);
        await receiving.ConfigureAwait(false);
    }

    /// <summary>Reads (and ignores) what the client sends, so that its close is seen; then ends the feed.</summary>
    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        byte[] buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, closed.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The feed ended first, or the connection dropped.
        }

        await closed.CancelAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 8120, Level = LogLevel.Warning, Message = "Feed of world {WorldId} dropped a subscriber: {Reason}")]
    private static partial void LogDropped(ILogger logger, string worldId, string reason);
}
