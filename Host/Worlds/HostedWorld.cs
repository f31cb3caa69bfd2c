using WasGo.Actors.Worlds;
using WasGo.Host.Auth;
using WasGo.Scripting;

namespace WasGo.Host.Worlds;

/// <summary>
/// A world this host serves: its record, where its actor runs, its feed, and what the host last
/// knew of it (<see cref="LastKnown"/>), for answers that must not wait for the world.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class HostedWorld(WorldRecord record, WorldAddress address, WorldFeed feed)
{
    private WorldSummary? _lastKnown;
    private Task<WorldStatus>? _statusRead;

    public string Id => Record.Id;

    public WorldRecord Record { get; } = record;

    public WorldFeed Feed { get; } = feed;

    /// <summary>Gets what the host last knew of the world, or null if it has heard nothing of it yet.</summary>
    public WorldSummary? LastKnown => Volatile.Read(ref _lastKnown);

    public bool AcceptsToken(string token) => TokenHash.Matches(token, Record.TokenHash);

    /// <summary>Asks the world's actor, wherever it runs.</summary>
    public Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken) =>
        address.AskAsync<T>(message, timeout, cancellationToken);

    /// <summary>
    /// Reads the world's status and notes it; while a read is out, callers share it, so a world slow
    /// to answer gets one question at a time however often it is listed.
    /// </summary>
    /// <summary>Sends the world a message whose answers go to <paramref name="sender"/>, wherever the world runs.</summary>
    public void Tell(object message, Akka.Actor.IActorRef sender) => address.Tell(message, sender);

    public Task<WorldStatus> ReadStatusAsync(TimeSpan timeout)
    {
        Task<WorldStatus>? pending = Volatile.Read(ref _statusRead);
        if (pending is { IsCompleted: false })
        {
            return pending;
        }

        // Two callers may both get here and each start a read: harmless, both answers are noted.
        Task<WorldStatus> read = ReadAndNoteAsync(timeout);
        Volatile.Write(ref _statusRead, read);
        return read;
    }

    /// <summary>Notes a status the world answered, unless a later tick is known already.</summary>
    public void Observe(WorldStatus status) =>
        Update(known => known is null || status.Tick >= known.Tick ? new WorldSummary(status.Tick, status.Digest, status.TickRate, status.Entities.Count) : known);

    /// <summary>Notes a tick the world published (its tick and digest; its entities are not in it).</summary>
    public void Observe(WorldTicked ticked) =>
        Update(known => known is null
            ? new WorldSummary(ticked.Tick, ticked.Digest, WorldDirectory.ClampTickRate(Record.TickRate), null)
            : ticked.Tick > known.Tick ? known with { Tick = ticked.Tick, Digest = ticked.Digest } : known);

    private async Task<WorldStatus> ReadAndNoteAsync(TimeSpan timeout)
    {
        WorldStatus status = await AskAsync<WorldStatus>(GetWorldStatus.Instance, timeout, CancellationToken.None).ConfigureAwait(false);
        Observe(status);
        return status;
    }

    private void Update(Func<WorldSummary?, WorldSummary?> change)
    {
        // Compare-and-swap: a concurrent note is never lost, and the later tick always wins.
        WorldSummary? seen = Volatile.Read(ref _lastKnown);
        while (true)
        {
            WorldSummary? next = change(seen);
            WorldSummary? found = Interlocked.CompareExchange(ref _lastKnown, next, seen);
            if (ReferenceEquals(found, seen))
            {
                return;
            }

            seen = found;
        }
    }
}
