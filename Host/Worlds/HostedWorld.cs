using WasGo.Host.Auth;

namespace WasGo.Host.Worlds;

/// <summary>A world this host serves: its record, where its actor runs and its feed.</summary>
internal sealed class HostedWorld(WorldRecord record, WorldAddress address, WorldFeed feed)
{
    public string Id => Record.Id;

    public WorldRecord Record { get; } = record;

    public WorldFeed Feed { get; } = feed;

    public bool AcceptsToken(string token) => TokenHash.Matches(token, Record.TokenHash);

    /// <summary>Asks the world's actor, wherever it runs.</summary>
    public Task<T> AskAsync<T>(object message, TimeSpan timeout, CancellationToken cancellationToken) =>
        address.AskAsync<T>(message, timeout, cancellationToken);
}
