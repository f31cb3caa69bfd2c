using System.Globalization;
using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
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
/// cannot set headers on a WebSocket. A client that falls more than <c>WasGo:Http:FeedBuffer</c>
/// messages behind is closed with <see cref="FellBehindStatus"/>.
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

    /// <summary>
    /// The close status of a subscriber that fell behind: 1013 Try Again Later. Falling behind is a
    /// passing condition (a slow link, a busy client), not a broken rule, and what the client should
    /// do is reconnect for a fresh snapshot: that is 1013's meaning, while 1008 (Policy Violation)
    /// tells a client it did something it must not do again, which clients take as "do not retry".
    /// </summary>
    public const WebSocketCloseStatus FellBehindStatus = (WebSocketCloseStatus)1013;

    /// <summary>How long a dropped subscriber has to take the message under way and the close frame before its connection is cut.</summary>
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(10);

    private static async Task FollowAsync(string worldId, HttpContext context, WorldCalls calls, IOptions<HttpOptions> options, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
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
        // Once dropped, the subscriber has a while to take the send under way and the close frame; then the connection is cut.
        // Logged as it happens: a send under way may wait for a client that does not read until that deadline.
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(closed.Token);
        ILogger logger = loggers.CreateLogger(typeof(FeedEndpoints).FullName!);
        int feedBuffer = options.Value.FeedBuffer;
        using CancellationTokenRegistration deadline = subscription.Dropped.Register(() =>
        {
            LogDropped(logger, worldId, subscription.DroppedBehind ?? 0, feedBuffer);
            sending.CancelAfter(s_closeTimeout);
        });
        Task receiving = DrainUntilClosedAsync(socket, closed);
        try
        {
            await foreach (byte[] message in subscription.Messages.ReadAllAsync(closed.Token).ConfigureAwait(false))
            {
                if (subscription.DroppedBehind is not null)
                {
                    break; // what is still queued is not sent: the client reconnects for a fresh snapshot
                }

                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, sending.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client left, the host is stopping, or a dropped client did not take the rest in time.
        }

        if (subscription.DroppedBehind is { } behind)
        {
            await CloseAsync(socket, FellBehindStatus, string.Create(CultureInfo.InvariantCulture, $"fell behind by {behind} messages; reconnect for a fresh snapshot"), sending.Token).ConfigureAwait(false);
            try
            {
                // The close handshake: the client's close frame ends the receiving loop. Ending that loop
                // first would abort the connection, and the close frame still on its way would be lost.
                await receiving.WaitAsync(sending.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client did not answer in time: its connection is cut.
            }
        }

        await closed.CancelAsync().ConfigureAwait(false);
        await receiving.ConfigureAwait(false);
    }

    /// <summary>Sends a close frame, unless the connection is past that.</summary>
    internal static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await socket.CloseOutputAsync(status, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client did not take it in time, or left: its connection is cut either way.
        }
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

    [LoggerMessage(EventId = 8120, Level = LogLevel.Warning, Message = "Feed of world {WorldId} dropped a subscriber that fell behind by {Behind} messages (WasGo:Http:FeedBuffer is {FeedBuffer}); it is closed with 1013 (try again later) and may reconnect for a fresh snapshot")]
    private static partial void LogDropped(ILogger logger, string worldId, int behind, int feedBuffer);
}
