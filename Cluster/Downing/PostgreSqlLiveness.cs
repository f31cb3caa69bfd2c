using System.Text;
using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using Microsoft.Extensions.Logging;
using Npgsql;
using WasGo.Actors.Logging;

namespace WasGo.Cluster;

/// <summary>
/// Downs a node as soon as PostgreSQL shows that it is dead, without waiting for Akka's failure
/// detector or the Split Brain Resolver. Each node holds a session advisory lock named after its
/// address for as long as it lives; PostgreSQL frees it about 12 ms after the process is killed
/// (its connection dies with it). Every node reads the held advisory locks (<c>pg_locks</c>, which
/// takes no lock) every 100 ms; a member whose lock it has seen held and that has then been missing
/// for half a second is dead (or cut off from the database, where it can persist nothing either),
/// and is downed at once. A node that is only slow or frozen (SIGSTOP) still holds its lock, so this
/// never downs it: the resolver decides, as before.
/// </summary>
/// <remarks>
/// Half a second, not the first miss: a live node whose own connection broke takes its lock again on
/// its next check. After the database was away, or this node's own lock was gone (a restart of the
/// server frees every lock), a node judges a member only once it has seen that member's lock taken again. Downing a node that cannot reach the
/// database is safe for worlds: a world persists every input before it applies it, so a world on
/// such a node applies nothing more, and the journal's sequence numbers fence it if it comes back.
/// </remarks>
internal sealed partial class PostgreSqlLiveness : ReceiveActor, IWithTimers
{
    private const string HeldLocksSql =
        "SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted";

    private static readonly TimeSpan s_checkInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_confirmAfter = TimeSpan.FromMilliseconds(500);
    private readonly string _connectionString;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);

    // Members whose lock has been seen held since the database was last reached; the time their lock went missing, if it has.
    private readonly Dictionary<UniqueAddress, DateTime?> _seenHeld = [];
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
            HashSet<long> held = await ReadHeldLocksAsync().ConfigureAwait(true);
            _databaseAway = false;
            if (!held.Contains(LockKeyOf(_cluster.SelfAddress)))
            {
                // Not holding our own lock: the node is starting, or the server ended our session (a restart
                // ends everyone's). Others' locks may have gone the same way: judge no one until seen again.
                _seenHeld.Clear();
                _held?.Dispose();
                _held = await HoldOwnLockAsync().ConfigureAwait(true);
                return;
            }

            Judge(held, DateTime.UtcNow);
        }
        catch (NpgsqlException away)
        {
            // The database is away (restarting, which frees every lock): nothing is judged until locks are seen again.
            if (!_databaseAway)
            {
                LogDatabaseAway(Logger, away.Message);
                _databaseAway = true;
            }

            _seenHeld.Clear();
            _held?.Dispose();
            _held = null;
        }
    }

    /// <summary>Notes whose locks are held, and downs the members whose lock has been missing long enough.</summary>
    private void Judge(HashSet<long> held, DateTime now)
    {
        var members = _cluster.State.Members
            .Where(m => m.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up && m.Address != _cluster.SelfAddress)
            .ToList();
        foreach (UniqueAddress gone in _seenHeld.Keys.Where(k => !members.Exists(m => m.UniqueAddress == k)).ToList())
        {
            _seenHeld.Remove(gone);
        }

        foreach (Member member in members)
        {
            if (held.Contains(LockKeyOf(member.Address)))
            {
                _seenHeld[member.UniqueAddress] = null;
            }
            else if (_seenHeld.TryGetValue(member.UniqueAddress, out DateTime? missingSince))
            {
                if (missingSince is null)
                {
                    _seenHeld[member.UniqueAddress] = now;
                }
                else if (now - missingSince >= s_confirmAfter)
                {
                    LogDowning(Logger, member.Address.ToString());
                    _cluster.Down(member.Address);

                    // Akka removes a downed node only once it is unreachable, which its failure detector takes
                    // seconds to see; a quarantined node counts as unreachable at once (and this incarnation of
                    // it can never talk to the cluster again, which the dead cannot anyway).
                    ((IRemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Quarantine(member.Address, member.UniqueAddress.Uid);
                    _seenHeld.Remove(member.UniqueAddress);
                }
            }
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

    /// <summary>Reads the keys of every advisory lock held on the server, without taking any.</summary>
    private async Task<HashSet<long>> ReadHeldLocksAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await using (connection.ConfigureAwait(true))
        {
            await connection.OpenAsync().ConfigureAwait(true);
            var read = new NpgsqlCommand(HeldLocksSql, connection);
            await using (read.ConfigureAwait(true))
            {
                var keys = new HashSet<long>();
                NpgsqlDataReader rows = await read.ExecuteReaderAsync().ConfigureAwait(true);
                await using (rows.ConfigureAwait(true))
                {
                    while (await rows.ReadAsync().ConfigureAwait(true))
                    {
                        keys.Add(rows.GetInt64(0));
                    }
                }

                return keys;
            }
        }
    }

    [LoggerMessage(EventId = 8040, Level = LogLevel.Warning, Message = "Cluster: node {Address} has lost its PostgreSQL session (its lock is free): it is dead; downing it now, and its worlds start on the survivors")]
    private static partial void LogDowning(ILogger logger, string address);

    [LoggerMessage(EventId = 8041, Level = LogLevel.Warning, Message = "Cluster: PostgreSQL cannot be reached to confirm dead nodes ({Reason}); the split brain resolver decides alone until it is back")]
    private static partial void LogDatabaseAway(ILogger logger, string reason);

    private sealed class Check
    {
        public static Check Instance { get; } = new();
    }
}
