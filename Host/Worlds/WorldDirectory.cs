using System.Collections.Concurrent;
using Akka.Actor;
using Microsoft.Extensions.Options;
using WasGo.Actors.Worlds;
using WasGo.Host.Auth;
using WasGo.Host.Cluster;
using WasGo.Host.Hosting;
using WasGo.Host.Http;
using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>
/// The worlds this host serves. Their records (id, tick rate, token hash) are rows of the world
/// list (<see cref="WorldRecords"/>); each world's entities live in its own journal, which its
/// <see cref="WorldActor"/> replays when it starts. So stopping the host loses nothing: every input
/// was recorded before it was applied. On a cluster node the list is shared: a world another node
/// created is found on the first request for it, or by the next list of worlds.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class WorldDirectory(
    WorldRecords records,
    WorldSharding sharding,
    IOptions<HttpOptions> http,
    TimeProvider clock,
    ILogger<WorldDirectory> logger) : IHostedService, IDisposable
{
    /// <summary>The least time between two reads of the records for worlds not yet known here: unknown ids cannot make a node hammer its database.</summary>
    private static readonly TimeSpan s_refreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, HostedWorld> _worlds = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    // When the last read of the records began, and when the last one that succeeded did: only a
    // successful read answers the calls made before it; any read spaces out the next.
    private long _attemptedAt = long.MinValue;
    private long _readAt = long.MinValue;

    /// <summary>Gets the worlds, by id.</summary>
    public IReadOnlyList<HostedWorld> All => [.. _worlds.Values.OrderBy(w => w.Id, StringComparer.Ordinal)];

    public HostedWorld? Find(string id) => _worlds.GetValueOrDefault(id);

    /// <summary>Finds a world, reading the records again when it is not known here (another node may have created it).</summary>
    public async ValueTask<HostedWorld?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (Find(id) is { } known)
        {
            return known;
        }

        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return Find(id);
    }

    /// <summary>Whether some world has this token (a known token, so a wrong use of it is 403, not 401).</summary>
    public bool IsWorldToken(string token)
    {
        byte[] hash = TokenHash.Of(token);
        return _worlds.Values.Any(w => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(hash, w.Record.TokenHash));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        LogRecovered(logger, _worlds.Count);
    }

    /// <summary>Nothing to do: each world records its tick as its shard is handed off, when the actor system stops.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads the records and starts serving the worlds not known here yet. Reads are at least a quarter second apart; a read that began after this call was made, and succeeded, answers it too (one that failed, with the database away, does not: this call reads again).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        long asked = clock.GetTimestamp();
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_readAt != long.MinValue && _readAt >= asked)
            {
                return;
            }

            if (_attemptedAt != long.MinValue)
            {
                TimeSpan since = clock.GetElapsedTime(_attemptedAt);
                if (since < s_refreshInterval)
                {
                    await Task.Delay(s_refreshInterval - since, clock, cancellationToken).ConfigureAwait(false);
                }
            }

            long started = _attemptedAt = clock.GetTimestamp();
            // Placed all at once: each is an ask of the region, which may cross to another node.
            IEnumerable<WorldRecord> unknown = (await records.LoadAsync(cancellationToken).ConfigureAwait(false)).Where(r => !_worlds.ContainsKey(r.Id));
            await Task.WhenAll(unknown.Select(r => ServeAsync(r, cancellationToken))).ConfigureAwait(false);
            _readAt = started;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Says what is wrong with a new world's id or tick rate, or null if nothing is.</summary>
    public static string? ProblemWith(string id, double tickRate) =>
        !ResourceIds.IsValid(id) ? $"The world id '{id}' is not allowed; use {ResourceIds.Rule}." : WorldOptions.TickRateProblem(tickRate);

    /// <summary>
    /// Brings a stored tick rate into the allowed range (a record written before the range was
    /// enforced may hold any number): below the range, the lowest rate; above it, the highest; not a
    /// number, the default rate.
    /// </summary>
    public static double ClampTickRate(double tickRate) =>
        double.IsNaN(tickRate) ? WorldOptions.DefaultTickRate : Math.Clamp(tickRate, WorldOptions.MinTickRate, WorldOptions.MaxTickRate);

    /// <summary>Creates and starts a world; its token is returned here only.</summary>
    /// <exception cref="ArgumentException">The id or tick rate is not allowed (<see cref="ProblemWith"/>).</exception>
    /// <exception cref="InvalidOperationException">A world with that id exists.</exception>
    public async Task<(HostedWorld World, string Token)> CreateAsync(string id, double tickRate, CancellationToken cancellationToken)
    {
        if (ProblemWith(id, tickRate) is { } problem)
        {
            throw new ArgumentException(problem, nameof(id));
        }

        if (_worlds.ContainsKey(id))
        {
            throw new InvalidOperationException($"A world '{id}' exists already; pick another id.");
        }

        string token = AdminToken.Generate();
        var record = new WorldRecord(id, tickRate, TokenHash.Of(token), DateTimeOffset.UtcNow);
        await records.AddAsync(record, cancellationToken).ConfigureAwait(false);
        HostedWorld world = await ServeAsync(record, cancellationToken).ConfigureAwait(false);
        LogCreated(logger, id, tickRate);
        return (world, token);
    }

    public void Dispose() => _refreshing.Dispose();

    private async Task<HostedWorld> ServeAsync(WorldRecord record, CancellationToken cancellationToken)
    {
        WorldAddress address = await sharding.PlaceAsync(record, cancellationToken).ConfigureAwait(false);
        return _worlds.GetOrAdd(record.Id, _ => new HostedWorld(record, address, new WorldFeed(record.Id, http.Value.FeedBuffer)));
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Worlds: {Count} recovered; each replays its recorded inputs")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "World {WorldId} created at {TickRate} ticks a second")]
    private static partial void LogCreated(ILogger logger, string worldId, double tickRate);
}
