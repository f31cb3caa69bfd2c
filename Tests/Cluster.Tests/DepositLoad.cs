using System.Collections.Concurrent;
using Akka.Actor;
using WasGo.Cluster.Node;

namespace WasGo.Cluster.Tests;

/// <summary>
/// Steady load on accounts: one client per account sends deposits 1, 2, 3, … each after the reply to
/// the previous one. What was acknowledged is recorded, so that a check afterwards can tell lost,
/// repeated and skipped effects apart. A client whose call fails stops (its outcome is unknown).
/// </summary>
internal sealed class DepositLoad
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(40);
    private readonly IActorRef _region;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, long> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Seq, string Error)> _failed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _lastNode = new(StringComparer.Ordinal);
    private readonly Task _clients;
    private long _calls;

    public DepositLoad(IActorRef region, IEnumerable<string> accounts)
    {
        _region = region;
        Accounts = [.. accounts];
        _clients = Task.WhenAll(Accounts.Select(account => Task.Run(() => ClientAsync(account))));
    }

    public IReadOnlyList<string> Accounts { get; }

    public long Calls => Interlocked.Read(ref _calls);

    public IReadOnlyDictionary<string, long> Acknowledged => _acknowledged;

    public IReadOnlyDictionary<string, (long Seq, string Error)> Failed => _failed;

    public IReadOnlyDictionary<string, string> LastNode => _lastNode;

    /// <summary>Waits until <paramref name="more"/> further calls were acknowledged: the cluster serves.</summary>
    public async Task AwaitProgressAsync(long more, TimeSpan timeout)
    {
        long target = Calls + more;
        using var cancellation = new CancellationTokenSource(timeout);
        while (Calls < target)
        {
            await Task.Delay(20, cancellation.Token);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _clients;
    }

    private async Task ClientAsync(string account)
    {
        for (long seq = 1; !_stop.IsCancellationRequested; seq++)
        {
            try
            {
                Deposited reply = await _region.Ask<Deposited>(new ShardingEnvelope(account, new Deposit(seq, 1)), CallTimeout);
                _acknowledged[account] = reply.Seq;
                _lastNode[account] = reply.Node;
                Interlocked.Increment(ref _calls);
            }
            catch (Exception e)
            {
                _failed[account] = (seq, e.GetType().Name + ": " + e.Message);
                return;
            }
        }
    }
}
