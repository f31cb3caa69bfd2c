using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WasGo.Persistence;
using WasGo.Scripting;
using Wasmtime;

namespace WasGo.Client;

/// <summary>
/// Co-simulates one world: follows its input feed (<c>/api/worlds/{id}/inputs</c>), fetches its
/// modules by content hash (checking each hash), steps a <see cref="WorldReplica"/> in a sandbox of
/// its own with the host's settings, and compares its digest with the host's at every tick. When the
/// feed drops (the host restarts, the world moves to another node) it connects again and checks that
/// its world carries on to the new start's digest. At the first disagreement it asks the host for its
/// rows at that tick and names the first entity and column that differ, then stops.
/// </summary>
/// <remarks>
/// Modules are compiled in the client's process, without the host's compile limits: the host
/// compiled each one under those limits when it was deployed, and the client runs only modules whose
/// bytes hash to what the host's world names.
/// </remarks>
public sealed partial class WorldFollower : IDisposable
{
    private readonly WorldFollowerOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private ScriptRuntime? _runtime;
    private InputFeedSettings? _settings;
    private readonly InputFeedWindow _window = new();
    private WorldReplica? _replica;
    private Prediction? _prediction;
    private long _received;

    /// <summary>Initializes the follower; <see cref="FollowAsync"/> starts it.</summary>
    /// <param name="options">Where and how to follow.</param>
    /// <param name="logger">Where scripts' log lines and the follower's own notes go; none by default.</param>
    public WorldFollower(WorldFollowerOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _http = new HttpClient { BaseAddress = options.Host };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
    }

    /// <summary>Gets the client's copy of the world as the host's inputs made it, once the feed has started (null before).</summary>
    public World? World => _replica?.World;

    /// <summary>
    /// Gets how the host steps the world, once the feed has started (null before). A host whose
    /// settings are not <see cref="InputFeedSettings.Portable"/> may reach other digests than a
    /// client on another processor architecture.
    /// </summary>
    public InputFeedSettings? Settings => _settings;

    /// <summary>Gets the world the client shows: with its predicted call applied while the host's tick of it has not come, else <see cref="World"/>.</summary>
    public World? PredictedWorld => _prediction?.World.World ?? World;

    /// <summary>
    /// Follows the world: yields every tick the client steps, until <paramref name="cancellationToken"/>
    /// is cancelled, or a tick disagrees (yielded last, with its <see cref="Disagreement"/>).
    /// </summary>
    /// <param name="cancellationToken">Stops following.</param>
    /// <returns>The ticks.</returns>
    /// <exception cref="WebSocketException">The host could not be reached again within <see cref="WorldFollowerOptions.ReconnectLimit"/>.</exception>
    public async IAsyncEnumerable<FollowedTick> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        bool resumed = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            using ClientWebSocket socket = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            using var frames = new CancellationTokenSource();
            Channel<InputFeedFrame> received = Channel.CreateUnbounded<InputFeedFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            Task reading = ReadFramesAsync(socket, received.Writer, cancellationToken);
            long reportedAt = Environment.TickCount64;
            await foreach (InputFeedFrame frame in received.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // ReadAllAsync hands out the frames at hand without looking at the token: a follower far behind would go on.
                cancellationToken.ThrowIfCancellationRequested();
                FollowedTick stepped = frame switch
                {
                    InputFeedStart start => await StartAsync(start, resumed, cancellationToken).ConfigureAwait(false),
                    InputFeedTick tick => await StepAsync(tick, cancellationToken).ConfigureAwait(false),
                    _ => throw new InvalidOperationException($"A {frame.GetType().Name} is not a frame the follower steps."),
                };
                resumed = true;
                if (!stepped.Agrees || Environment.TickCount64 - reportedAt >= _options.ReportInterval.TotalMilliseconds)
                {
                    await ReportAsync(socket, stepped, cancellationToken).ConfigureAwait(false);
                    reportedAt = Environment.TickCount64;
                }

                yield return stepped;
                if (!stepped.Agrees)
                {
                    await CloseAsync(socket).ConfigureAwait(false);
                    yield break;
                }
            }

            await reading.ConfigureAwait(false);
            LogFeedDropped(_logger, _options.WorldId, _replica?.Tick ?? 0);
            await Task.Delay(_options.ReconnectDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Predicts a call: applies it at once at the client's next tick, in a world of its own
    /// (<see cref="PredictedWorld"/>), and sends it to the host. When the host's tick of that number
    /// comes, the prediction is kept if the host reached the predicted digest, or rolled back (the
    /// client's world is the host's inputs replayed); the <see cref="FollowedTick"/> of that tick
    /// says which. Call it between the ticks <see cref="FollowAsync"/> yields, one prediction at a
    /// time, and go on following: the host answers the call only after its tick of it.
    /// </summary>
    /// <param name="entityId">The entity.</param>
    /// <param name="method">Its method.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="cancellationToken">Stops the prediction and the call.</param>
    /// <returns>The host's answer to the call, to await while following; it fails with <see cref="HttpRequestException"/> if the host refused the call.</returns>
    /// <exception cref="InvalidOperationException">The feed has not started, or a prediction is still open.</exception>
    public async Task<Task> PredictCallAsync(string entityId, string method, IReadOnlyList<ScriptValue> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        WorldReplica confirmed = _replica ?? throw new InvalidOperationException("The feed has not started: predict once FollowAsync has yielded a tick.");
        if (_prediction is not null)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The call predicted at tick {_prediction.Tick} is still open; predict the next once the host's tick of it has come."));
        }

        // Sent first: the host applies it at its next tick, which the prediction takes to be the client's next.
        Task answered = SendCallAsync(entityId, method, arguments, cancellationToken);

        // The predicted world is the client's, rebuilt from what the feed sent: instances cannot be copied.
        WorldReplica predicted = await WorldReplica.StartAsync(_window.StartAt(_settings!, confirmed.Tick, confirmed.World.Digest()), _runtime!, LoadModuleAsync, _logger, cancellationToken).ConfigureAwait(false);
        try
        {
            long tick = confirmed.Tick + 1;
            TickResult result = await predicted.StepAsync(new InputFeedTick(tick, [new CallInput(entityId, method, arguments)], [], null), cancellationToken).ConfigureAwait(false);
            _prediction = new Prediction(predicted, tick, result.Digest);
        }
        catch
        {
            predicted.Dispose();
            throw;
        }

        return answered;
    }

    private async Task SendCallAsync(string entityId, string method, IReadOnlyList<ScriptValue> arguments, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/worlds/{Uri.EscapeDataString(_options.WorldId)}/entities/{Uri.EscapeDataString(entityId)}/calls/{Uri.EscapeDataString(method)}")
        {
            Content = new ByteArrayContent(CallBody(arguments)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The host refused the predicted call {entityId}.{method}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}", null, response.StatusCode);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _prediction?.Dispose();
        _replica?.Dispose();
        _runtime?.Dispose();
        _http.Dispose();
    }

    /// <summary>Connects to the feed, trying again until <see cref="WorldFollowerOptions.ReconnectLimit"/>.</summary>
    private async Task<ClientWebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var uri = new UriBuilder(new Uri(_options.Host, $"/api/worlds/{Uri.EscapeDataString(_options.WorldId)}/inputs"))
        {
            Scheme = _options.Host.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Query = _replica is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"from={_replica.Tick}"),
        }.Uri;
        long giveUpAt = Environment.TickCount64 + (long)_options.ReconnectLimit.TotalMilliseconds;
        while (true)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Bearer " + _options.Token);
            socket.Options.CollectHttpResponseDetails = true; // so that a refused token or a world that is gone is not tried again
            try
            {
                await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (WebSocketException) when (Environment.TickCount64 < giveUpAt && socket.HttpStatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
            {
                // The host is not up again yet (or its node is leaving): try again.
                socket.Dispose();
                await Task.Delay(_options.ReconnectDelay, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    /// <summary>Reads binary frames until the host closes the feed or the connection drops; then completes <paramref name="frames"/>.</summary>
    private async Task ReadFramesAsync(ClientWebSocket socket, ChannelWriter<InputFeedFrame> frames, CancellationToken cancellationToken)
    {
        var message = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                WebSocketReceiveResult part = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                InputFeedFrame frame = InputFeedFrame.Decode(message.GetBuffer().AsSpan(0, (int)message.Length));
                message.SetLength(0);
                frame = _options.Tamper?.Invoke(frame) ?? frame;
                Interlocked.Exchange(ref _received, frame switch { InputFeedTick t => t.Tick, InputFeedStart s => s.Tick, _ => _received });
                frames.TryWrite(frame);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The connection dropped (the host stopped, its node died) or following was stopped.
        }
        finally
        {
            await message.DisposeAsync().ConfigureAwait(false);
            frames.TryComplete();
        }
    }

    /// <summary>Builds the client's world from a start frame, or carries it on to the frame's tick when the feed starts again.</summary>
    private async Task<FollowedTick> StartAsync(InputFeedStart start, bool resumed, CancellationToken cancellationToken)
    {
        bool carriedOn = false;
        try
        {
            if (_replica is not null && start.Settings == _settings && _replica.CanCatchUp(start))
            {
                long was = _replica.Tick;
                await _replica.CatchUpAsync(start, cancellationToken).ConfigureAwait(false);
                RecordAll(start.Since.Where(t => t.Tick > was));
                carriedOn = true;
            }
            else
            {
                if (_replica is not null)
                {
                    LogStartedAfresh(_logger, _options.WorldId, _replica.Tick, start.HistoryFrom, start.Tick);
                }

                _replica?.Dispose();
                _replica = null;
                if (start.Settings != _settings)
                {
                    _runtime?.Dispose();
                    _runtime = new ScriptRuntime(start.Settings.ToRuntimeOptions(_options.Sandbox));
                    _settings = start.Settings;
                }

                _replica = await WorldReplica.StartAsync(start, _runtime!, LoadModuleAsync, _logger, cancellationToken).ConfigureAwait(false);
                _window.Begin(start.Base);
                RecordAll(start.Since.Where(t => t.Tick > start.BaseTick));
            }
        }
        catch (ModuleMismatchException mismatch)
        {
            return new FollowedTick(start.Tick, string.Empty, Agrees: false, Lag: 0, resumed, new Disagreement(start.Tick, null, null, null, mismatch.Message));
        }

        return await CompareAsync(start.Tick, start.Digest, resumed && carriedOn, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FollowedTick> StepAsync(InputFeedTick tick, CancellationToken cancellationToken)
    {
        if (_replica is null || tick.Tick <= _replica.Tick)
        {
            // Frames of ticks the client has (a feed started again repeats none, but a host may): nothing to step.
            return new FollowedTick(tick.Tick, string.Empty, Agrees: true, Lag: 0);
        }

        try
        {
            await _replica.StepAsync(tick, cancellationToken).ConfigureAwait(false);
        }
        catch (ModuleMismatchException mismatch)
        {
            return new FollowedTick(tick.Tick, string.Empty, Agrees: false, Lag: 0, Disagreement: new Disagreement(tick.Tick, null, null, null, mismatch.Message));
        }

        RecordAll([tick]);
        FollowedTick stepped = await CompareAsync(tick.Tick, tick.Digest, resumed: false, cancellationToken).ConfigureAwait(false);
        if (_prediction is { } prediction && tick.Tick >= prediction.Tick && tick.Digest is not null)
        {
            // The host's tick of the prediction: the client's world, stepped on the host's inputs, is the truth either way.
            _prediction = null;
            PredictionOutcome outcome = tick.Tick == prediction.Tick ? prediction.Resolve(tick.Digest) : PredictionOutcome.RolledBack;
            prediction.Dispose();
            return stepped with { Prediction = outcome };
        }

        return stepped;
    }

    /// <summary>Keeps the ticks the client stepped, so that a predicted world can be built at the client's tick; a snapshot at each multiple of the interval bounds them.</summary>
    private void RecordAll(IEnumerable<InputFeedTick> ticks)
    {
        foreach (InputFeedTick tick in ticks)
        {
            _window.Record(tick);
        }

        if (_replica!.Tick % World.SnapshotInterval == 0 && _replica.Tick > 0)
        {
            _window.Rebase(_replica.World.CaptureSnapshot());
        }
    }

    private static byte[] CallBody(IReadOnlyList<ScriptValue> arguments)
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteStartArray("args");
            foreach (ScriptValue argument in arguments)
            {
                ScriptValueJsonWriter.Write(json, argument);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return body.ToArray();
    }

    /// <summary>Compares the client's digest with the host's; on a difference, finds where from the host's rows at that tick.</summary>
    private async Task<FollowedTick> CompareAsync(long tick, byte[]? hostDigest, bool resumed, CancellationToken cancellationToken)
    {
        byte[] digest = _replica!.World.Digest();
        string hex = Convert.ToHexStringLower(digest);
        long lag = Math.Max(0, Interlocked.Read(ref _received) - tick);
        if (hostDigest is null || digest.AsSpan().SequenceEqual(hostDigest))
        {
            return new FollowedTick(tick, hex, Agrees: true, lag, resumed);
        }

        RowDifference? where = await HostRowsDifferenceAsync(tick, cancellationToken).ConfigureAwait(false);
        string hostHex = Convert.ToHexStringLower(hostDigest);
        return new FollowedTick(tick, hex, Agrees: false, lag, resumed, new Disagreement(tick, hostHex, hex, where, $"the client's digest {hex[..12]}… is not the host's {hostHex[..12]}…"));
    }

    /// <summary>Asks the host for its rows at the client's tick and finds the first difference; null if the host cannot replay that tick.</summary>
    private async Task<RowDifference?> HostRowsDifferenceAsync(long tick, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/worlds/{Uri.EscapeDataString(_options.WorldId)}/ticks/{tick}/rows"), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            LogNoReplay(_logger, _options.WorldId, tick, (int)response.StatusCode);
            return null;
        }

        WorldRows host = WorldRows.Decode(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        return WorldRows.Of(_replica!.World).FirstDifferenceFrom(host);
    }

    /// <summary>Fetches a module by hash from the host, checks the bytes are that hash's, and compiles it.</summary>
    private async Task<Module> LoadModuleAsync(string hash, CancellationToken cancellationToken)
    {
        byte[] bytes = await _http.GetByteArrayAsync($"/api/modules/by-hash/{hash}", cancellationToken).ConfigureAwait(false);
        string actual = ModuleHash.Of(bytes);
        return actual == hash
            ? await _runtime!.CompileAsync(hash, bytes).ConfigureAwait(false)
            : throw new ModuleMismatchException($"the module the world names {hash[..12]}… came with bytes that hash to {actual[..12]}…; the client does not run it");
    }

    private static async Task ReportAsync(ClientWebSocket socket, FollowedTick stepped, CancellationToken cancellationToken)
    {
        byte[] report = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"tick\":{stepped.Tick},\"agrees\":{(stepped.Agrees ? "true" : "false")}}}"));
        try
        {
            await socket.SendAsync(report, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // The connection is dropping; the reader sees it and the follower connects again.
        }
    }

    private static async Task CloseAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "disagreed", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Closing is a courtesy: the host drops the connection anyway.
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Input feed of world {WorldId} dropped at tick {Tick}; connecting again")]
    private static partial void LogFeedDropped(ILogger logger, string worldId, long tick);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "World {WorldId}: the feed started again with ticks {HistoryFrom} to {Tick}, which do not reach back to the client's tick {ClientTick}; the client starts afresh, and the ticks between are not checked")]
    private static partial void LogStartedAfresh(ILogger logger, string worldId, long clientTick, long historyFrom, long tick);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "World {WorldId}: the host could not replay tick {Tick} to show where it differs (HTTP {Status})")]
    private static partial void LogNoReplay(ILogger logger, string worldId, long tick, int status);

    /// <summary>A module's bytes did not hash to the hash the world names.</summary>
    private sealed class ModuleMismatchException(string message) : Exception(message);
}
