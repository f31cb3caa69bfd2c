using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WasGo.Actors;
using WasGo.Host.Auth;
using WasGo.Host.Hosting;
using WasGo.Host.Http;
using WasGo.Persistence;
using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>
/// The worlds this host runs. Their records (id, tick rate, token hash) are one durable-state row;
/// each world's entities live in its own input journal, which its <see cref="WorldActor"/> replays
/// when the host starts. So stopping the host loses nothing: every input was recorded before it was
/// applied.
/// </summary>
/// <remarks>Thread-safe; creations are serialized.</remarks>
internal sealed partial class WorldDirectory(
    StorageHostedService storage,
    ActorSystemHostedService actors,
    ScriptRuntime runtime,
    IOptions<HttpOptions> http,
    ILogger<WorldDirectory> logger) : IHostedService, IDisposable
{
    /// <summary>The durable-state id of the world records.</summary>
    public const string RecordsId = "wasgo-host/worlds";

    /// <summary>The highest tick rate a world may have.</summary>
    public const double MaxTickRate = 1000;

    private readonly ConcurrentDictionary<string, HostedWorld> _worlds = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _creating = new(1, 1);
    private long _revision;

    /// <summary>Gets the worlds, by id.</summary>
    public IReadOnlyList<HostedWorld> All => [.. _worlds.Values.OrderBy(w => w.Id, StringComparer.Ordinal)];

    public HostedWorld? Find(string id) => _worlds.GetValueOrDefault(id);

    /// <summary>Whether some world has this token (a known token, so a wrong use of it is 403, not 401).</summary>
    public bool IsWorldToken(string token)
    {
        byte[] hash = TokenHash.Of(token);
        return _worlds.Values.Any(w => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(hash, w.Record.TokenHash));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        DurableStateRecord? stored = await storage.Store.DurableState.GetAsync(RecordsId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return;
        }

        _revision = stored.Revision;
        foreach (WorldRecord record in JsonSerializer.Deserialize<List<WorldRecord>>(stored.Payload.Span) ?? [])
        {
            Start(record);
        }

        LogRecovered(logger, _worlds.Count);
    }

    /// <summary>Checkpoints every world before the actors stop, so that a restart resumes at the tick the world reached.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (HostedWorld world in All)
        {
            try
            {
                WorldCheckpointed done = await world.Actor.Ask<WorldCheckpointed>(CheckpointWorld.Instance, http.Value.CallTimeout, cancellationToken).ConfigureAwait(false);
                LogCheckpointed(logger, world.Id, done.Tick);
            }
            catch (Exception e) when (e is AskTimeoutException or OperationCanceledException)
            {
                LogCheckpointFailed(logger, world.Id, e.Message);
            }
        }
    }

    /// <summary>Says what is wrong with a new world's id or tick rate, or null if nothing is.</summary>
    public static string? ProblemWith(string id, double tickRate) =>
        !ResourceIds.IsValid(id) ? $"The world id '{id}' is not allowed; use {ResourceIds.Rule}." : TickRateProblem(tickRate);

    /// <summary>Says what is wrong with a tick rate, or null if nothing is.</summary>
    public static string? TickRateProblem(double tickRate) =>
        !double.IsFinite(tickRate) || tickRate <= 0 || tickRate > MaxTickRate
            ? $"The tick rate {tickRate} is not allowed; it must be above 0 and at most {MaxTickRate} ticks a second."
            : null;

    /// <summary>Creates and starts a world; its token is returned here only.</summary>
    /// <exception cref="ArgumentException">The id or tick rate is not allowed (<see cref="ProblemWith"/>).</exception>
    /// <exception cref="InvalidOperationException">A world with that id exists.</exception>
    public async Task<(HostedWorld World, string Token)> CreateAsync(string id, double tickRate, CancellationToken cancellationToken)
    {
        if (ProblemWith(id, tickRate) is { } problem)
        {
            throw new ArgumentException(problem, nameof(id));
        }

        await _creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_worlds.ContainsKey(id))
            {
                throw new InvalidOperationException($"A world '{id}' exists already; pick another id.");
            }

            string token = AdminToken.Generate();
            var record = new WorldRecord(id, tickRate, TokenHash.Of(token), DateTimeOffset.UtcNow);
            List<WorldRecord> records = [.. _worlds.Values.Select(w => w.Record), record];
            await storage.Store.DurableState.UpsertAsync(RecordsId, _revision + 1, JsonSerializer.SerializeToUtf8Bytes(records), "wasgo-worlds-v1", cancellationToken).ConfigureAwait(false);
            _revision++;
            HostedWorld world = Start(record);
            LogCreated(logger, id, tickRate);
            return (world, token);
        }
        finally
        {
            _creating.Release();
        }
    }

    public void Dispose() => _creating.Dispose();

    private HostedWorld Start(WorldRecord record)
    {
        var options = new WorldOptions { WorldId = record.Id, TickRate = record.TickRate };
        IPersistenceProvider persistence = storage.Store;
        IActorRef actor = actors.System.ActorOf(Props.Create(() => new WorldActor(options, runtime, persistence)), "world-" + record.Id);
        var world = new HostedWorld(record, actor, new WorldFeed(record.Id, http.Value.FeedBuffer));
        _worlds[record.Id] = world;
        return world;
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Worlds: {Count} recovered; each replays its recorded inputs")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Information, Message = "World {WorldId} checkpointed at tick {Tick}; it resumes there")]
    private static partial void LogCheckpointed(ILogger logger, string worldId, long tick);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Warning, Message = "World {WorldId} could not be checkpointed ({Reason}); it resumes at its last recorded input")]
    private static partial void LogCheckpointFailed(ILogger logger, string worldId, string reason);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "World {WorldId} created at {TickRate} ticks a second")]
    private static partial void LogCreated(ILogger logger, string worldId, double tickRate);
}
