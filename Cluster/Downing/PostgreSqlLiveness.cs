using System.Text;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging;
using Npgsql;
using WasGo.Actors.Logging;

namespace WasGo.Cluster;

/// <summary>
/// Downs a node as soon as PostgreSQL confirms that it is dead, instead of waiting for the Split
/// Brain Resolver's stable-after. Each node holds a session advisory lock named after its address
/// for as long as it lives; PostgreSQL frees it about 12 ms after the process is killed (its
/// connection dies with it). When Akka's failure detector marks a node unreachable, a survivor tries
/// that node's lock: if it can take it, the process is gone (or cut off from the database, where it
/// can persist nothing either), and the survivor downs it at once. A node that is only slow or
/// frozen (SIGSTOP) still holds its lock, so this never downs it: the resolver decides, as before.
/// </summary>
/// <remarks>
/// Downing a node that cannot reach the database is safe for worlds: a world persists every input
/// before it applies it, so a world on such a node applies nothing more, and the journal's sequence
/// numbers fence it if it comes back.
/// </remarks>
internal sealed partial class PostgreSqlLiveness : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan s_checkInterval = TimeSpan.FromMilliseconds(200);
    private readonly string _connectionString;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private NpgsqlConnection? _held;
    private bool _databaseAway;

    /// <summary>Initializes the actor.</summary>
    /// <param name="connectionString">The cluster's PostgreSQL.</param>
    public PostgreSqlLiveness(string connectionString)
    {
        _connectionString = connectionString;
        ReceiveAsync<Check>(_ => CheckAsync());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private ILogger Logger { get; } = Context.System.LoggerFactory().CreateLogger<PostgreSqlLiveness>();

    /// <summary>Gets the advisory lock key that stands for a node's life: a 64-bit FNV-1a hash of its address.</summary>
    /// <param name="address">The node's address.</param>
    /// <returns>The key.</returns>
    internal static long LockKeyOf(Address address)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes("wasgo-node-alive:" + address))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        return unchecked((long)hash);
    }

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartPeriodicTimer("check", Check.Instance, TimeSpan.Zero, s_checkInterval);

    /// <inheritdoc />
    protected override void PostStop() => _held?.Dispose();

    // Awaits keep the actor's context (ConfigureAwait(true)): the cluster state and the timers are its own.
    private async Task CheckAsync()
    {
        try
        {
            _held ??= await HoldOwnLockAsync().ConfigureAwait(true);
            _databaseAway = false;
            foreach (Member member in _cluster.State.Unreachable.Where(m => m.Status != MemberStatus.Down))
            {
                if (await IsFreeAsync(LockKeyOf(member.Address)).ConfigureAwait(true))
                {
                    LogDowning(Logger, member.Address.ToString());
                    _cluster.Down(member.Address);
                }
            }
        }
        catch (NpgsqlException away)
        {
            // The database is away (restarting): the resolver still decides alone; the lock is taken again when it is back.
            if (!_databaseAway)
            {
                LogDatabaseAway(Logger, away.Message);
                _databaseAway = true;
            }

            _held?.Dispose();
            _held = null;
        }
    }

    /// <summary>Takes this node's lock on a connection kept open for the node's life.</summary>
    private async Task<NpgsqlConnection?> HoldOwnLockAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync().ConfigureAwait(true);
        var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        await using (take.ConfigureAwait(true))
        {
            take.Parameters.AddWithValue("key", LockKeyOf(_cluster.SelfAddress));
            if (await take.ExecuteScalarAsync().ConfigureAwait(true) is true)
            {
                return connection;
            }
        }

        // An earlier process on this address has not been noticed dead yet: try again on the next check.
        await connection.DisposeAsync().ConfigureAwait(true);
        return null;
    }

    /// <summary>Whether nobody holds <paramref name="key"/>: taken and given back at once.</summary>
    private async Task<bool> IsFreeAsync(long key)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await using (connection.ConfigureAwait(true))
        {
            await connection.OpenAsync().ConfigureAwait(true);
            var probe = new NpgsqlCommand("SELECT CASE WHEN pg_try_advisory_lock(@key) THEN pg_advisory_unlock(@key) ELSE false END", connection);
            await using (probe.ConfigureAwait(true))
            {
                probe.Parameters.AddWithValue("key", key);
                return await probe.ExecuteScalarAsync().ConfigureAwait(true) is true;
            }
        }
    }

    [LoggerMessage(EventId = 8040, Level = LogLevel.Warning, Message = "Cluster: node {Address} is unreachable and PostgreSQL has closed its session: it is dead; downing it now, and its worlds start on the survivors")]
    private static partial void LogDowning(ILogger logger, string address);

    [LoggerMessage(EventId = 8041, Level = LogLevel.Warning, Message = "Cluster: PostgreSQL cannot be reached to confirm dead nodes ({Reason}); the split brain resolver decides alone until it is back")]
    private static partial void LogDatabaseAway(ILogger logger, string reason);

    private sealed class Check
    {
        public static Check Instance { get; } = new();
    }
}
