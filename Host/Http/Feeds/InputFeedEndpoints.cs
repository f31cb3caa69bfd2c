using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
using WasGo.Host.Auth;
using WasGo.Host.Http.Errors;
using WasGo.Host.Http.Worlds;
using WasGo.Host.Worlds;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Host.Http.Feeds;

/// <summary>
/// What a client needs to co-simulate a world: <c>/api/worlds/{worldId}/inputs</c>, a WebSocket of
/// binary frames (<see cref="InputFeedFrame"/>: the start, then every tick's inputs, stopped calls and
/// digest) on which the client reports in text what it found (<c>{"tick": 120, "agrees": true}</c>);
/// and <c>/api/worlds/{worldId}/ticks/{tick}/rows</c>, the host's rows at a tick of the feed's window,
/// replayed for a client that disagreed to find the entity and column. Only WebAssembly reaches a client.
/// </summary>
internal static partial class InputFeedEndpoints
{
    /// <summary>The close status of a client that sent a report that is not one: 1007, invalid payload data.</summary>
    private const WebSocketCloseStatus BadReportStatus = WebSocketCloseStatus.InvalidPayloadData;

    // One replay at a time on a node: each runs scripts, and only clients that disagreed ask for one.
    private static readonly SemaphoreSlim s_replays = new(1, 1);

    public static IEndpointRouteBuilder MapInputFeedEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/worlds/{worldId}/inputs", FollowAsync)
            .WithTags("Feeds")
            .WithSummary("A WebSocket of the world's inputs for clients that run its scripts themselves: a binary start frame (settings, newest snapshot, recorded ticks since), then one binary frame a tick (inputs, stopped calls, digest). A client that comes back sends ?from=<its tick> to get the inputs since. Clients report {\"tick\": n, \"agrees\": bool} as text.")
            .RequireWorldAccess();
        routes.MapGet("/api/worlds/{worldId}/ticks/{tick:long}/rows", RowsAtAsync)
            .WithTags("Feeds")
            .WithSummary("The world's rows at a tick since its newest snapshot, replayed from its recorded inputs (binary WorldRows), for a client that disagreed to find where.")
            .RequireWorldAccess();
        return routes;
    }

    private static async Task FollowAsync(string worldId, long? from, HttpContext context, WorldCalls calls, ActorSystem system, InputFollowers followers, IOptions<HttpOptions> options, IHostApplicationLifetime lifetime)
    {
        HostedWorld world = calls.Find(worldId);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw ApiException.BadRequest("This is a WebSocket endpoint; connect with a WebSocket client (ws://…/inputs?access_token=…).");
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using InputFollowers.Follower follower = followers.Join(worldId);
        var frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.Value.FeedBuffer) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        IActorRef feed = system.ActorOf(Props.Create(() => new InputFollower(world, frames.Writer, from)));
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        Task<string?> reports = ReadReportsAsync(socket, follower, closed);
        string? fellBehind = null;
        try
        {
            await foreach (byte[] frame in frames.Reader.ReadAllAsync(closed.Token).ConfigureAwait(false))
            {
                await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, closed.Token).ConfigureAwait(false);
            }
        }
        catch (FellBehindException behind)
        {
            fellBehind = behind.Message;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client left, sent something that is not a report, or the host is stopping.
        }
        finally
        {
            feed.Tell(PoisonPill.Instance);
        }

        if (fellBehind is not null)
        {
            // The client's answering close frame ends its reports; it has a while to send it.
            await FeedEndpoints.CloseAsync(socket, FeedEndpoints.FellBehindStatus, fellBehind, CancellationToken.None).ConfigureAwait(false);
            closed.CancelAfter(TimeSpan.FromSeconds(10));
        }

        string? badReport = await reports.ConfigureAwait(false);
        await FeedEndpoints.CloseAsync(socket, badReport is null ? WebSocketCloseStatus.NormalClosure : BadReportStatus, badReport ?? "the feed ended", CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Reads the client's reports until it closes; returns why it was cut off, if it sent something that is not a report.</summary>
    private static async Task<string?> ReadReportsAsync(WebSocket socket, InputFollowers.Follower follower, CancellationTokenSource closed)
    {
        byte[] buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, closed.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (!received.EndOfMessage || received.MessageType != WebSocketMessageType.Text || ParseReport(buffer.AsSpan(0, received.Count)) is not (_, bool agrees))
                {
                    return "a client sends only reports, as JSON text of at most 256 bytes: {\"tick\": 120, \"agrees\": true}";
                }

                follower.Report(agrees);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The feed ended first, or the connection dropped.
        }
        finally
        {
            await closed.CancelAsync().ConfigureAwait(false);
        }

        return null;
    }

    private static (long Tick, bool Agrees)? ParseReport(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using JsonDocument report = JsonDocument.ParseValue(ref reader);
            return report.RootElement.ValueKind == JsonValueKind.Object
                && report.RootElement.TryGetProperty("tick", out JsonElement tick) && tick.TryGetInt64(out long t)
                && report.RootElement.TryGetProperty("agrees", out JsonElement agrees) && agrees.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? (t, agrees.GetBoolean())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<IResult> RowsAtAsync(string worldId, long tick, WorldCalls calls, ScriptRuntime runtime, IPersistenceProvider store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        HostedWorld world = calls.Find(worldId);
        var start = (InputFeedStart)InputFeedFrame.Decode((await calls.AskAsync<WorldInputFrame>(world, GetWorldInputWindow.Instance, cancellationToken).ConfigureAwait(false)).Frame);
        if (tick < start.BaseTick || tick > start.Tick)
        {
            throw new ApiException(StatusCodes.Status410Gone, string.Create(CultureInfo.InvariantCulture, $"World '{worldId}' can replay ticks {start.BaseTick} to {start.Tick} (since its newest snapshot); tick {tick} is not among them."));
        }

        await s_replays.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var upTo = start with { Since = [.. start.Since.Where(t => t.Tick <= tick)], Tick = tick };
            using WorldReplica replica = await WorldReplica.StartAsync(upTo, runtime, (hash, _) => LoadAsync(runtime, store, hash), loggers.CreateLogger<WorldReplica>(), cancellationToken).ConfigureAwait(false);
            return Results.Bytes(WorldRows.Of(replica.World).Encode(), "application/octet-stream");
        }
        finally
        {
            s_replays.Release();
        }
    }

    private static async Task<Module> LoadAsync(ScriptRuntime runtime, IPersistenceProvider store, string hash) =>
        (await runtime.LoadAsync(store.Modules, hash).ConfigureAwait(false)) is { Module: { } module }
            ? module
            : throw new ApiException(StatusCodes.Status503ServiceUnavailable, $"Module {hash} cannot be loaded to replay the world.");
}
