using WasGo.Actors;
using WasGo.Host.Auth;

namespace WasGo.Host.Worlds;

/// <summary>A world this host runs: its record, its actor and its feed.</summary>
internal sealed class HostedWorld(WorldRecord record, IActorRef actor, WorldFeed feed)
{
    public string Id => Record.Id;

    public WorldRecord Record { get; } = record;

    public IActorRef Actor { get; } = actor;

    public WorldFeed Feed { get; } = feed;

    public bool AcceptsToken(string token) => TokenHash.Matches(token, Record.TokenHash);
}
