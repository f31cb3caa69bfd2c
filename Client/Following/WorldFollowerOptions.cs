using WasGo.Scripting;

namespace WasGo.Client;

/// <summary>Where a <see cref="WorldFollower"/> follows a world, and how.</summary>
public sealed class WorldFollowerOptions
{
    /// <summary>Gets the host's base address (<c>http://127.0.0.1:5080</c>); any node of a cluster.</summary>
    public required Uri Host { get; init; }

    /// <summary>Gets the world to follow.</summary>
    public required string WorldId { get; init; }

    /// <summary>Gets the world's token (or the admin token).</summary>
    public required string Token { get; init; }

    /// <summary>
    /// Gets the client's own sandbox settings: where compiled modules are cached, compile limits. The
    /// limits that change what scripts do (memory, table, stack, NaNs) are always the host's, from the feed.
    /// </summary>
    public ScriptRuntimeOptions? Sandbox { get; init; }

    /// <summary>Gets how often the client tells the host how far it got and whether it agrees. Default 1 s.</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets how long the client waits before it connects again after the connection dropped (the host restarting, its node leaving). Default 0.5 s.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets how long the client keeps trying to connect again before it gives up. Default 2 minutes.</summary>
    public TimeSpan ReconnectLimit { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets a change made to every frame before the client steps it: tests use it to play a tampered feed.</summary>
    internal Func<InputFeedFrame, InputFeedFrame>? Tamper { get; init; }
}
